using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Contracts.Diffing;

/// <summary>What a diff leaves out or hides.</summary>
public sealed record ObjectDiffOptions
{
    /// <summary>Fields never compared, by path (<c>metadata.resourceVersion</c>).</summary>
    public IReadOnlySet<string> Ignored { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether a field's values are hidden: the change is reported, its values are not (a Secret's data).</summary>
    public Func<IReadOnlyList<PathSegment>, bool> Hides { get; init; } = _ => false;

    public static ObjectDiffOptions None { get; } = new();

    /// <summary>For two states of one object: its resourceVersion moves with every event, so it is left out.</summary>
    public static ObjectDiffOptions Objects { get; } = new() { Ignored = new HashSet<string>(["metadata.resourceVersion"], StringComparer.Ordinal) };

    /// <summary>For two states of an object of <paramref name="kind"/>: <see cref="Objects"/>, and for a Secret its values
    /// hidden (data, stringData, the sealed form, and kubectl's last-applied annotation, which copies the data).</summary>
    public static ObjectDiffOptions ForKind(Kinds.ResourceKind kind) => kind == Kinds.ResourceKind.Secret ? Secrets : Objects;

    /// <summary>The annotation kubectl apply keeps the whole applied object in.</summary>
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    private static ObjectDiffOptions Secrets { get; } = Objects with
    {
        Hides = path => path is [FieldSegment { Name: "data" or "stringData" or "sealed" }, ..]
            or [FieldSegment { Name: "metadata" }, FieldSegment { Name: "annotations" }, FieldSegment { Name: LastAppliedAnnotation }, ..],
    };
}

/// <summary>The fields that differ between two JSON states of an object, down to the leaves: objects and maps field by
/// field; lists the patch schema merges by a key (containers by <c>name</c>, conditions by <c>type</c>, ports by
/// <c>containerPort</c>) element by element matched on that key, as are other lists of objects that all carry a distinct
/// <c>name</c>; merged lists of values (finalizers) as sets; any other list position by position. An element added to or
/// removed from a list is one change holding the whole element. A missing state (before a create, after a delete) is
/// compared as an empty object.</summary>
public static class ObjectDiff
{
    /// <summary>The changes from <paramref name="old"/> to <paramref name="new"/>, two states of a model object (whose
    /// type's patch schema says how its lists merge), in field order.</summary>
    public static IReadOnlyList<FieldChange> Compare<T>(T? old, T? @new, ObjectDiffOptions? options = null) where T : class =>
        Compare(old, @new, (old ?? @new)?.GetType() ?? typeof(T), options);

    /// <summary>The changes between two states of an object of <paramref name="modelType"/>.</summary>
    public static IReadOnlyList<FieldChange> Compare(object? old, object? @new, Type modelType, ObjectDiffOptions? options = null) =>
        Compare(ToNode(old), ToNode(@new), PatchSchema.For(modelType), options);

    /// <summary>The changes from <paramref name="old"/> to <paramref name="new"/>, their lists merged as
    /// <paramref name="schema"/> says (<see cref="PatchSchema.Unknown"/>: lists by position).</summary>
    public static IReadOnlyList<FieldChange> Compare(JsonNode? old, JsonNode? @new, PatchSchema schema, ObjectDiffOptions? options = null)
    {
        var changes = new List<FieldChange>();
        new Walker(options ?? ObjectDiffOptions.None, changes).Value([], old ?? new JsonObject(), @new ?? new JsonObject(), schema, PatchField.Plain);
        return changes;
    }

    private static JsonNode? ToNode(object? value) => value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), KubeJson.Options);

    private sealed class Walker(ObjectDiffOptions options, List<FieldChange> changes)
    {
        public void Value(List<PathSegment> path, JsonNode? old, JsonNode? @new, PatchSchema schema, PatchField field)
        {
            if (JsonNode.DeepEquals(old, @new) || options.Ignored.Contains(FieldChange.PathOf(path))) return;
            if (old is JsonObject or null && @new is JsonObject or null && (old ?? @new) is JsonObject)
            {
                var before = changes.Count;
                Object(path, old as JsonObject, @new as JsonObject, schema);
                // An empty object that appeared or went has no leaves to tell it.
                if (changes.Count == before && (old is null || @new is null)) Emit(path, old, @new);
                return;
            }
            if (old is JsonArray or null && @new is JsonArray or null && (old ?? @new) is JsonArray)
            {
                List(path, old as JsonArray ?? [], @new as JsonArray ?? [], field);
                return;
            }
            Emit(path, old, @new);
        }

        private void Object(List<PathSegment> path, JsonObject? old, JsonObject? @new, PatchSchema schema)
        {
            var keys = (old?.Select(p => p.Key) ?? []).Concat(@new?.Select(p => p.Key) ?? []).Distinct(StringComparer.Ordinal);
            foreach (var key in keys.ToList())
            {
                var field = schema.Field(key);
                Value([.. path, new FieldSegment(key)], old?[key], @new?[key], field.Schema, field);
            }
        }

        private void List(List<PathSegment> path, JsonArray old, JsonArray @new, PatchField field)
        {
            if (MatchKey(field, old, @new) is { } key)
            {
                var newByKey = @new.ToDictionary(e => KeyOf(e!, key), StringComparer.Ordinal);
                var oldKeys = new HashSet<string>(StringComparer.Ordinal);
                foreach (var element in old)
                {
                    var value = KeyOf(element!, key);
                    oldKeys.Add(value);
                    List<PathSegment> at = [.. path, new ElementSegment(key, value)];
                    if (newByKey.TryGetValue(value, out var match)) Value(at, element, match, field.Schema, PatchField.Plain);
                    else Emit(at, element, null);
                }
                foreach (var element in @new.Where(e => !oldKeys.Contains(KeyOf(e!, key))))
                    Emit([.. path, new ElementSegment(key, KeyOf(element!, key))], null, element);
                return;
            }
            if (field.Merges && old.Concat(@new).All(e => e is JsonValue))
            {
                List<PathSegment> at = [.. path, new SetSegment()];
                foreach (var gone in old.Where(o => !@new.Any(n => JsonNode.DeepEquals(o, n)))) Emit(at, gone, null);
                foreach (var added in @new.Where(n => !old.Any(o => JsonNode.DeepEquals(o, n)))) Emit(at, null, added);
                return;
            }
            for (var i = 0; i < Math.Max(old.Count, @new.Count); i++)
            {
                List<PathSegment> at = [.. path, new IndexSegment(i)];
                if (i >= old.Count) Emit(at, null, @new[i]);
                else if (i >= @new.Count) Emit(at, old[i], null);
                else Value(at, old[i], @new[i], field.Schema, PatchField.Plain);
            }
        }

        // The merge key when every element carries a distinct one; else "name" when every element has a distinct name.
        private static string? MatchKey(PatchField field, JsonArray old, JsonArray @new)
        {
            foreach (var key in new[] { field.MergeKey, "name" })
            {
                if (key.Length > 0 && Distinct(old, key) && Distinct(@new, key)) return key;
            }
            return null;
        }

        private static bool Distinct(JsonArray list, string key)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            return list.All(e => e is JsonObject o && o[key] is JsonValue && seen.Add(KeyOf(o, key)));
        }

        private static string KeyOf(JsonNode element, string key) =>
            element[key] is JsonValue v && v.TryGetValue<string>(out var text) ? text : element[key]?.ToJsonString() ?? "";

        private void Emit(List<PathSegment> path, JsonNode? old, JsonNode? @new)
        {
            var op = old is null ? FieldChangeOp.Added : @new is null ? FieldChangeOp.Removed : FieldChangeOp.Changed;
            changes.Add(options.Hides(path)
                ? FieldChange.At([.. path], op, null, null, hidden: true)
                : FieldChange.At([.. path], op, old?.DeepClone(), @new?.DeepClone()));
        }
    }
}
