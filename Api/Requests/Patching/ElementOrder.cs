using EventOrch.Contracts.Serialization;
using static EventOrch.Api.Requests.Patching.PatchTree;

namespace EventOrch.Api.Requests.Patching;

/// <summary>The <c>$setElementOrder/field</c> directive kubectl sends beside a merged list: the order the list's
/// elements should end in (by merge key, or by value for scalars). The list is merged as usual, then the elements it
/// names are put in that order and the server's other elements keep their place among them.</summary>
internal static class ElementOrder
{
    public static void Apply(Dictionary<string, object?> original, Dictionary<string, object?> patch, PatchSchema schema, string path)
    {
        foreach (var directive in patch.Keys.Where(k => k.StartsWith(PatchDirectives.SetElementOrder, StringComparison.Ordinal)).ToList())
        {
            patch.Remove(directive, out var orderValue);
            var directivePath = Child(path, directive);
            var field = StrategicMergePatch.DirectiveTarget(directive, PatchDirectives.SetElementOrder, path, "invalid patch format of setElementOrder list");
            var fieldPath = Child(path, field);
            if (orderValue is not List<object?> order)
                throw InvalidPatchException.BadRequest(directivePath, $"{directivePath}: invalid patch format of setElementOrder list: it must be a list");
            // A null beside the directive deletes the list, which the loop over the patch does.
            if (patch.TryGetValue(field, out var deleted) && deleted is null) continue;
            var originalList = ListAt(original, field, fieldPath);
            var patchList = ListAt(patch, field, fieldPath);
            var meta = schema.Field(field);
            CheckOrder(patchList ?? [], order, meta.MergeKey, directivePath);

            List<object?> merged;
            if (originalList is not null && patchList is null) merged = originalList;
            else if (originalList is null && patchList is not null) merged = (List<object?>)StrategicMergePatch.WithoutDirectives(patchList)!;
            else if (originalList is not null && patchList is not null)
                merged = meta.Merges
                    ? ListMerge.Merge(originalList, patchList, meta.Schema, meta.MergeKey, isDeleteList: false, fieldPath)
                    : (List<object?>)StrategicMergePatch.WithoutDirectives(patchList)!;
            else continue;

            patch.Remove(field);
            if (merged.Count == 0)
            {
                original[field] = merged;
                continue;
            }
            var shape = ListMerge.ElementShape(fieldPath, originalList ?? [], patchList ?? []);
            var mergeKey = shape == Shape.Map ? meta.MergeKey : "";
            if (shape == Shape.Map && mergeKey.Length == 0)
                throw InvalidPatchException.BadRequest(directivePath, $"{directivePath}: {field} is not a list merged by key, so its order cannot be set");
            var (named, serverOnly) = ListMerge.Partition(merged, order, mergeKey, shape, fieldPath);
            var serverOrder = originalList is null ? []
                : patchList is not null && meta.Merges && shape == Shape.Map ? ListMerge.ServerOrderAfterMerge(originalList, patchList, mergeKey)
                : originalList;
            original[field] = ListMerge.NormalizeOrder(named, serverOnly, order, serverOrder, mergeKey, shape, fieldPath);
        }
    }

    private static List<object?>? ListAt(Dictionary<string, object?> map, string field, string path) => map.TryGetValue(field, out var value) switch
    {
        false => null,
        true when value is List<object?> list => list,
        true when value is null => null,
        _ => throw InvalidPatchException.BadRequest(path, $"{path}: expected a list beside its $setElementOrder, but received {Render(value)}"),
    };

    // The patch's elements (other than deletions) must appear in the order list, in the same relative order.
    private static void CheckOrder(List<object?> patchList, List<object?> order, string mergeKey, string path)
    {
        if (patchList.Count == 0 || order.Count == 0) return;
        var items = mergeKey.Length == 0 ? patchList : patchList.Where(i => !IsDelete(i)).ToList();
        int p = 0, o = 0;
        while (p < items.Count && o < order.Count)
        {
            if (items[p] is Dictionary<string, object?> map && map.ContainsKey(PatchDirectives.Patch)) { p++; continue; }
            var same = mergeKey.Length == 0
                ? ScalarEquals(items[p], order[o])
                : ScalarEquals(ListMerge.KeyOf(items[p], mergeKey, path), ListMerge.KeyOf(order[o], mergeKey, path));
            if (same) p++;
            o++;
        }
        if (p < items.Count)
            throw InvalidPatchException.BadRequest(path, $"{path}: the order in the patch list {Render(patchList)} doesn't match the $setElementOrder list {Render(order)}");
    }

    private static bool IsDelete(object? item) =>
        item is Dictionary<string, object?> map && map.TryGetValue(PatchDirectives.Patch, out var d) && Text(d) == PatchDirectives.Delete;
}
