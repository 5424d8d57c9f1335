using System.Text.Json;
using System.Text.Json.Nodes;

namespace EventOrch.Api.Requests.Patching;

/// <summary>A JSON document as plain, freely mutable values (the form Kubernetes' patch code works on): an object is a
/// <see cref="Dictionary{TKey,TValue}"/> of string to value, an array a <see cref="List{T}"/>, a scalar a
/// <see cref="JsonElement"/>, and null is null.</summary>
internal static class PatchTree
{
    public enum Shape { Null, Map, List, Scalar }

    public static object? From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Aggregate(new Dictionary<string, object?>(StringComparer.Ordinal),
            (map, property) => { map[property.Name] = From(property.Value); return map; }),
        JsonValueKind.Array => element.EnumerateArray().Select(From).ToList(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => element.Clone(),
    };

    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        Dictionary<string, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, ToNode(p.Value)))),
        List<object?> list => new JsonArray(list.Select(ToNode).ToArray()),
        JsonElement scalar => JsonValue.Create(scalar),
        _ => throw new ArgumentException($"not a patch tree value: {value.GetType()}", nameof(value)),
    };

    public static Shape ShapeOf(object? value) => value switch
    {
        null => Shape.Null,
        Dictionary<string, object?> => Shape.Map,
        List<object?> => Shape.List,
        _ => Shape.Scalar,
    };

    /// <summary>Equality of two scalars (or nulls), as Go compares decoded JSON values.</summary>
    public static bool ScalarEquals(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonElement x, JsonElement y) => JsonElement.DeepEquals(x, y),
        _ => false,
    };

    /// <summary>The value as compact JSON, for messages.</summary>
    public static string Render(object? value) => ToNode(value)?.ToJsonString() ?? "null";

    /// <summary>A scalar's text: a string without its quotes, anything else as JSON.</summary>
    public static string Text(object? value) => value is JsonElement { ValueKind: JsonValueKind.String } s ? s.GetString()! : Render(value);

    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Item(string path, int index) => $"{path}[{index}]";
}
