using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Serialization;

/// <summary>What a strategic merge patch knows of one type, read from the model's <see cref="PatchStrategyAttribute"/>s
/// (Kubernetes reads the same from its Go struct tags): for each JSON field, how it is patched and the schema of its
/// value (of its elements, for a list). A type without attributes patches as Kubernetes patches any field: objects and
/// maps merge, lists are replaced.</summary>
public sealed class PatchSchema
{
    private static readonly ConcurrentDictionary<Type, PatchSchema> Cache = new();

    /// <summary>A value whose shape the models do not describe (a free-form JSON object, a scalar).</summary>
    public static readonly PatchSchema Unknown = new("unknown", () => new Dictionary<string, PatchField>(), null);

    private readonly Lazy<IReadOnlyDictionary<string, PatchField>> _fields;
    private readonly PatchField? _mapValue;

    private PatchSchema(string name, Func<IReadOnlyDictionary<string, PatchField>> fields, PatchField? mapValue)
    {
        Name = name;
        _fields = new Lazy<IReadOnlyDictionary<string, PatchField>>(fields);
        _mapValue = mapValue;
    }

    /// <summary>The type's name, for messages.</summary>
    public string Name { get; }

    /// <summary>The schema of a model type (or a dictionary, list or scalar type) as KubeJson serialises it.</summary>
    public static PatchSchema For(Type type) => Cache.GetOrAdd(type, Create);

    /// <summary>How the field <paramref name="name"/> is patched; a field the type does not have is treated as unknown.</summary>
    public PatchField Field(string name) =>
        _mapValue ?? (_fields.Value.TryGetValue(name, out var field) ? field : PatchField.Plain);

    private static PatchSchema Create(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (typeof(JsonNode).IsAssignableFrom(type)) return Unknown;
        var info = KubeJson.Options.GetTypeInfo(type);
        return info.Kind switch
        {
            // A map's every key holds a value of the same type; the map itself merges key by key.
            JsonTypeInfoKind.Dictionary => new PatchSchema($"map of {info.ElementType!.Name}", () => new Dictionary<string, PatchField>(),
                new PatchField(null, null, new Lazy<PatchSchema>(() => For(info.ElementType!)))),
            JsonTypeInfoKind.Enumerable => For(info.ElementType!),
            JsonTypeInfoKind.Object => new PatchSchema(type.Name, () => FieldsOf(info), null),
            _ => Unknown,
        };
    }

    private static IReadOnlyDictionary<string, PatchField> FieldsOf(JsonTypeInfo info)
    {
        var fields = new Dictionary<string, PatchField>(StringComparer.Ordinal);
        foreach (var property in info.Properties)
        {
            var tag = (property.AttributeProvider as MemberInfo)?.GetCustomAttribute<PatchStrategyAttribute>();
            var valueType = property.PropertyType;
            fields[property.Name] = new PatchField(tag?.Strategy, tag?.MergeKey, new Lazy<PatchSchema>(() => For(valueType)));
        }
        return fields;
    }
}

/// <summary>How one field is patched: its strategies ("merge", "replace", "retainKeys"), the merge key of a merged list
/// of objects, and the schema of its value or elements.</summary>
public sealed class PatchField(string? strategy, string? mergeKey, Lazy<PatchSchema> schema)
{
    /// <summary>A field with no strategy and no known shape.</summary>
    public static readonly PatchField Plain = new(null, null, new Lazy<PatchSchema>(() => PatchSchema.Unknown));

    private readonly string[] _strategies = strategy?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    public string MergeKey { get; } = mergeKey ?? "";

    public PatchSchema Schema => schema.Value;

    /// <summary>The list is merged element by element rather than replaced.</summary>
    public bool Merges => _strategies.Contains(PatchStrategies.Merge);

    /// <summary>The object is replaced whole rather than merged.</summary>
    public bool Replaces => _strategies.Contains(PatchStrategies.Replace);

    /// <summary>An object (or each object of a merged list) keeps only the fields the patch or applied file sets, so
    /// switching between alternatives (a Deployment's strategy, a volume's source) drops the other one.</summary>
    public bool RetainsKeys => _strategies.Contains(PatchStrategies.RetainKeys);
}
