using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Api.OpenApi;

/// <summary>JSON schemas of model types, made from how KubeJson (de)serialises them: properties by their JSON names,
/// lists, maps, and the model's doc comments as descriptions. Object types become named schemas referred to by
/// <c>$ref</c>; <see cref="Build"/> gives every schema referred to so far, transitively.</summary>
/// <param name="v3">OpenAPI v3 (refs under #/components/schemas/, a described ref wrapped in allOf) or v2 (#/definitions/).</param>
public sealed class ModelSchemas(SchemaNames names, bool v3)
{
    private readonly string _refPrefix = v3 ? "#/components/schemas/" : "#/definitions/";
    private readonly Dictionary<string, Type> _referenced = [];
    private readonly Dictionary<string, JsonObject> _extra = [];

    /// <summary>A schema for a value of <paramref name="type"/>: a <c>$ref</c> for a named type, inline otherwise.</summary>
    public JsonObject Reference(Type type, string? description = null)
    {
        type = SchemaNames.Unwrap(type);
        if (names.NameOf(type) is { } name)
        {
            _referenced.TryAdd(name, type);
            var reference = new JsonObject { ["$ref"] = _refPrefix + name };
            if (description is null) return reference;
            return v3
                ? new JsonObject { ["allOf"] = new JsonArray(reference), ["description"] = description }
                : new JsonObject { ["$ref"] = _refPrefix + name, ["description"] = description };
        }
        var schema = Inline(type);
        if (description is not null) schema["description"] = description;
        return schema;
    }

    /// <summary>A named schema of the document's own (a Patch body, DeleteOptions); refer to it with <see cref="RefTo"/>.</summary>
    public void AddNamed(string name, JsonObject schema) => _extra[name] = schema;

    public JsonObject RefTo(string name) => new() { ["$ref"] = _refPrefix + name };

    /// <summary>Every named schema referred to so far and those they refer to, by name.</summary>
    public JsonObject Build()
    {
        var built = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (name, schema) in _extra) built[name] = schema;
        // Building a schema refers to the types of its properties, which may add to what is referred to.
        while (_referenced.FirstOrDefault(r => !built.ContainsKey(r.Key)) is { Key: not null } next)
            built[next.Key] = Named(next.Value);
        var result = new JsonObject();
        foreach (var (name, schema) in built) result[name] = schema;
        return result;
    }

    private JsonObject Named(Type type)
    {
        if (type == typeof(IntOrString))
            return new JsonObject
            {
                ["description"] = "A value that is either an integer or a string, such as a port number or a port name.",
                ["type"] = "string",
                ["format"] = "int-or-string",
                ["x-kubernetes-int-or-string"] = true,
            };
        var schema = new JsonObject();
        if (XmlDocumentation.Of(type) is { } summary) schema["description"] = summary;
        schema["type"] = "object";
        var properties = new JsonObject();
        foreach (var property in KubeJson.Options.GetTypeInfo(type).Properties.Where(p => p.Get is not null).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var member = property.AttributeProvider as MemberInfo;
            var description = (member is null ? null : XmlDocumentation.Of(member)) ?? Conventional(type, property.Name);
            var propertySchema = Reference(property.PropertyType, description);
            if (member?.GetCustomAttribute<PatchStrategyAttribute>() is { } patch)
            {
                if (patch.MergeKey is { } key) propertySchema["x-kubernetes-patch-merge-key"] = key;
                propertySchema["x-kubernetes-patch-strategy"] = patch.Strategy;
            }
            properties[property.Name] = propertySchema;
        }
        schema["properties"] = properties;
        if (names.KindsOf(type) is { Count: > 0 } kinds)
            schema["x-kubernetes-group-version-kind"] = new JsonArray(kinds.Select(k =>
                (JsonNode)new JsonObject { ["group"] = k.Group, ["kind"] = k.Kind, ["version"] = k.Version }).ToArray());
        return schema;
    }

    // The fields every object and list has mean the same everywhere (Kubernetes' API conventions), documented or not.
    private static string? Conventional(Type type, string field)
    {
        var list = typeof(IKubeList).IsAssignableFrom(type);
        if (!list && !typeof(IKubeObject).IsAssignableFrom(type)) return null;
        return field switch
        {
            "apiVersion" => "The versioned schema of this representation of the object: group/version, or v1 for the core group.",
            "kind" => "The kind of object this is, in CamelCase.",
            "metadata" when list => "Standard list metadata: the list's resourceVersion, and the continue token of the next page.",
            "metadata" => "Standard object metadata: name, namespace, labels and annotations, and what the server sets (uid, resourceVersion, creationTimestamp, ...).",
            "items" when list => "The objects of the list.",
            "spec" => "What the object should be: its desired state.",
            "status" => "What the object is: its most recently observed state, written by the system.",
            _ => null,
        };
    }

    private JsonObject Inline(Type type)
    {
        if (type == typeof(string) || type == typeof(Guid) || type == typeof(char)) return Typed("string");
        if (type == typeof(bool)) return Typed("boolean");
        if (type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ushort)) return Typed("integer", "int32");
        if (type == typeof(long) || type == typeof(ulong)) return Typed("integer", "int64");
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return Typed("number", "double");
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return Typed("string", "date-time");
        if (typeof(JsonNode).IsAssignableFrom(type) || type == typeof(System.Text.Json.JsonElement))
            return new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        if (type.IsEnum) return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(Enum.GetNames(type).Select(n => (JsonNode)n).ToArray()) };
        var info = KubeJson.Options.GetTypeInfo(type);
        return info switch
        {
            { Kind: JsonTypeInfoKind.Enumerable, ElementType: { } item } => new JsonObject { ["type"] = "array", ["items"] = Reference(item) },
            { Kind: JsonTypeInfoKind.Dictionary, ElementType: { } value } => new JsonObject { ["type"] = "object", ["additionalProperties"] = Reference(value) },
            // A type with a converter of its own and no named schema: any value.
            _ => new JsonObject(),
        };
    }

    private static JsonObject Typed(string type, string? format = null) =>
        format is null ? new JsonObject { ["type"] = type } : new JsonObject { ["type"] = type, ["format"] = format };
}
