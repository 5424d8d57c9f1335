using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Serialization;
using static EventOrch.Api.Requests.Patching.PatchTree;

namespace EventOrch.Api.Requests.Patching;

/// <summary>Kubernetes' strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch), applied as the API server
/// applies it: objects merge and <c>null</c> deletes, as in a JSON merge patch; a list whose field is marked
/// <c>merge</c> in the <see cref="PatchSchema"/> is merged by its merge key (lists of scalars as sets) and any other
/// list is replaced; and the directives kubectl sends are honoured: <c>$patch: replace|delete</c> on an object or a
/// list element, <c>$retainKeys</c>, <c>$deleteFromPrimitiveList/field</c> and <c>$setElementOrder/field</c>.</summary>
public static class StrategicMergePatch
{
    /// <summary>Applies <paramref name="patch"/> to <paramref name="original"/>, whose fields <paramref name="schema"/> describes.</summary>
    public static PatchResult Apply(JsonElement original, JsonElement patch, PatchSchema schema)
    {
        if (From(original) is not Dictionary<string, object?> target) throw new ArgumentException("the original must be an object", nameof(original));
        if (From(patch) is not Dictionary<string, object?> changes)
            return new PatchError(400, "", "a strategic merge patch must be a JSON object");
        try
        {
            return (JsonObject)ToNode(MergeMap(target, changes, schema, ""))!;
        }
        catch (InvalidPatchException invalid)
        {
            return invalid.Error;
        }
    }

    internal static Dictionary<string, object?> MergeMap(Dictionary<string, object?>? original, Dictionary<string, object?> patch, PatchSchema schema, string path)
    {
        if (patch.TryGetValue(PatchDirectives.Patch, out var directive))
        {
            switch (Text(directive))
            {
                case PatchDirectives.Replace:
                    patch.Remove(PatchDirectives.Patch);
                    return (Dictionary<string, object?>)WithoutDirectives(patch)!;
                case PatchDirectives.Delete:
                    return new Dictionary<string, object?>(StringComparer.Ordinal);
                default:
                    throw InvalidPatchException.BadRequest(path, $"{Where(path)}unknown patch type: {Text(directive)} in map: {Render(patch)}" +
                        " (an object takes $patch: replace or delete)");
            }
        }
        original ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        ApplyRetainKeys(original, patch, path);
        ElementOrder.Apply(original, patch, schema, path);

        foreach (var (key, patchValue) in patch)
        {
            var field = key;
            var isDeleteList = key.StartsWith(PatchDirectives.DeleteFromPrimitiveList, StringComparison.Ordinal);
            if (isDeleteList) field = DirectiveTarget(key, PatchDirectives.DeleteFromPrimitiveList, path, "invalid patch format of primitive list");
            var fieldPath = Child(path, field);

            if (patchValue is null)
            {
                original.Remove(field);
                continue;
            }
            if (!original.TryGetValue(field, out var originalValue) || ShapeOf(originalValue) != ShapeOf(patchValue))
            {
                // Nothing to merge with: the patch's value is taken as it is (a deletion list has nothing to delete from).
                if (!isDeleteList) SetOrRemove(original, field, WithoutDirectives(WithoutNulls(patchValue)));
                continue;
            }
            var fieldSchema = schema.Field(field);
            original[field] = (originalValue, patchValue) switch
            {
                (Dictionary<string, object?> from, Dictionary<string, object?> with) => fieldSchema.Replaces
                    ? WithoutDirectives(WithoutNulls(with))
                    : MergeMap(from, with, fieldSchema.Schema, fieldPath),
                (List<object?> from, List<object?> with) => fieldSchema.Merges || isDeleteList
                    ? ListMerge.Merge(from, with, fieldSchema.Schema, fieldSchema.MergeKey, isDeleteList, fieldPath)
                    : WithoutDirectives(with),
                _ => patchValue,
            };
        }
        return original;
    }

    /// <summary>The field a <c>$prefix/field</c> directive names.</summary>
    internal static string DirectiveTarget(string key, string prefix, string path, string problem)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || key[..slash] != prefix || slash == key.Length - 1)
            throw InvalidPatchException.BadRequest(Child(path, key), $"{Where(Child(path, key))}{problem}");
        return key[(slash + 1)..];
    }

    internal static string Where(string path) => path.Length == 0 ? "" : $"{path}: ";

    // $retainKeys lists the fields the object keeps: every other field of the original goes, and the patch may set
    // no field outside the list.
    private static void ApplyRetainKeys(Dictionary<string, object?> original, Dictionary<string, object?> patch, string path)
    {
        if (!patch.Remove(PatchDirectives.RetainKeys, out var retain)) return;
        var field = Child(path, PatchDirectives.RetainKeys);
        if (retain is not List<object?> list || list.Any(k => ShapeOf(k) != Shape.Scalar))
            throw InvalidPatchException.BadRequest(field, $"{Where(field)}invalid patch format of retainKeys: it must be a list of field names");
        var kept = list.Select(Text).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (value is null || key.StartsWith(PatchDirectives.DeleteFromPrimitiveList, StringComparison.Ordinal)
                || key.StartsWith(PatchDirectives.SetElementOrder, StringComparison.Ordinal)) continue;
            if (!kept.Contains(key))
                throw InvalidPatchException.BadRequest(field, $"{Where(field)}invalid patch format of retainKeys: the patch sets \"{key}\", which the list does not retain");
        }
        foreach (var key in original.Keys.Where(k => !kept.Contains(k)).ToList()) original.Remove(key);
    }

    private static void SetOrRemove(Dictionary<string, object?> map, string key, object? value)
    {
        if (value is Removed) map.Remove(key);
        else map[key] = value;
    }

    /// <summary>Marks a value that was itself a <c>$patch</c> directive and so is not kept.</summary>
    internal sealed class Removed
    {
        public static readonly Removed Instance = new();
    }

    /// <summary>The value without directives: objects carrying <c>$patch</c> go (an element of a list, or the value
    /// itself, which then comes back as <see cref="Removed"/>), and so do the other directive keys, which say nothing
    /// where there is nothing to merge with.</summary>
    internal static object? WithoutDirectives(object? value)
    {
        switch (value)
        {
            case Dictionary<string, object?> map:
                if (map.ContainsKey(PatchDirectives.Patch)) return Removed.Instance;
                foreach (var key in map.Keys.ToList())
                {
                    if (PatchDirectives.IsDirective(key)) { map.Remove(key); continue; }
                    SetOrRemove(map, key, WithoutDirectives(map[key]));
                }
                return map;
            case List<object?> list:
                return list.Select(WithoutDirectives).Where(v => v is not Removed).ToList();
            default:
                return value;
        }
    }

    /// <summary>The value without null fields, at any depth: a null in a patch deletes, and there is nothing to delete
    /// from a value the original does not have.</summary>
    internal static object? WithoutNulls(object? value)
    {
        switch (value)
        {
            case Dictionary<string, object?> map:
                foreach (var key in map.Keys.ToList())
                {
                    if (map[key] is null) map.Remove(key);
                    else WithoutNulls(map[key]);
                }
                break;
            case List<object?> list:
                foreach (var item in list) WithoutNulls(item);
                break;
        }
        return value;
    }
}

/// <summary>The special keys of a strategic merge patch.</summary>
public static class PatchDirectives
{
    public const string Patch = "$patch";
    public const string Replace = "replace";
    public const string Delete = "delete";
    public const string Merge = "merge";
    public const string RetainKeys = "$retainKeys";
    public const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList";
    public const string SetElementOrder = "$setElementOrder";

    public static bool IsDirective(string key) => key is Patch or RetainKeys
        || key.StartsWith(DeleteFromPrimitiveList + "/", StringComparison.Ordinal)
        || key.StartsWith(SetElementOrder + "/", StringComparison.Ordinal);
}
