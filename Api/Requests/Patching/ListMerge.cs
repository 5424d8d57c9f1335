using EventOrch.Contracts.Serialization;
using static EventOrch.Api.Requests.Patching.PatchTree;

namespace EventOrch.Api.Requests.Patching;

/// <summary>How a strategic merge patch merges a list marked <c>merge</c>: objects by their merge key (a matching
/// element is merged, a new one added, one with <c>$patch: delete</c> removed, <c>$patch: replace</c> replaces the
/// whole list), scalars as a set (a <c>$deleteFromPrimitiveList</c> removes). The patch's elements come in the patch's
/// order and the others keep theirs among them, as Kubernetes orders them.</summary>
internal static class ListMerge
{
    public static List<object?> Merge(List<object?> original, List<object?> patch, PatchSchema schema, string mergeKey, bool isDeleteList, string path)
    {
        if (original.Count == 0 && patch.Count == 0) return original;
        var shape = ElementShape(path, original, patch);
        List<object?> merged;
        if (shape != Shape.Map)
        {
            if (isDeleteList) return original.Where(v => !patch.Any(d => ScalarEquals(d, v))).ToList();
            merged = Distinct(original.Concat(patch));
        }
        else
        {
            if (mergeKey.Length == 0)
                throw InvalidPatchException.BadRequest(path, $"{StrategicMergePatch.Where(path)}cannot merge lists without merge key for {schema.Name}");
            (original, patch) = ApplySpecialElements(original, patch, mergeKey, path);
            merged = MergeByKey(original, patch, mergeKey, schema, path);
        }
        var (fromPatch, serverOnly) = Partition(merged, patch, mergeKey, shape, path);
        return NormalizeOrder(fromPatch, serverOnly, patch, original, mergeKey, shape, path);
    }

    /// <summary>The one shape every element of the lists has; lists of lists and mixed lists cannot be merged.</summary>
    public static Shape ElementShape(string path, params List<object?>[] lists)
    {
        Shape? shape = null;
        foreach (var item in lists.SelectMany(l => l))
        {
            var current = ShapeOf(item);
            if (current == Shape.List)
                throw InvalidPatchException.Unprocessable(path, $"{StrategicMergePatch.Where(path)}lists of lists are not supported");
            if (shape is { } known && known != current)
                throw InvalidPatchException.BadRequest(path, $"{StrategicMergePatch.Where(path)}list element types are not identical: {string.Join(", ", lists.Select(Render))}");
            shape = current;
        }
        return shape ?? Shape.Scalar;
    }

    /// <summary>Splits <paramref name="merged"/> into the elements <paramref name="by"/> names, and the others.</summary>
    public static (List<object?> In, List<object?> Out) Partition(List<object?> merged, List<object?> by, string mergeKey, Shape shape, string path)
    {
        var inside = new List<object?>();
        var outside = new List<object?>();
        foreach (var item in merged)
        {
            var found = shape == Shape.Map
                ? IndexOf(by, KeyOf(item, mergeKey, path), mergeKey) >= 0
                : by.Any(v => ScalarEquals(v, item));
            (found ? inside : outside).Add(item);
        }
        return (inside, outside);
    }

    /// <summary>Kubernetes' normalizeElementOrder: the patch's elements sorted by <paramref name="patchOrder"/>, the
    /// server-only ones by <paramref name="serverOrder"/>, then interleaved: a server-only element goes before a patch
    /// element only when both are in the server's order and it came first there.</summary>
    public static List<object?> NormalizeOrder(List<object?> fromPatch, List<object?> serverOnly, List<object?> patchOrder, List<object?> serverOrder,
        string mergeKey, Shape shape, string path)
    {
        if (shape == Shape.Map)
        {
            foreach (var item in fromPatch.Concat(serverOnly).Concat(patchOrder).Concat(serverOrder)) KeyOf(item, mergeKey, path);
        }
        var right = SortBy(fromPatch.Where(i => !IsDeleteDirective(i)).ToList(), patchOrder, mergeKey, shape);
        right.AddRange(fromPatch.Where(IsDeleteDirective));
        var left = SortBy(serverOnly, serverOrder, mergeKey, shape);

        var result = new List<object?>(left.Count + right.Count);
        int i = 0, j = 0;
        while (i < left.Count || j < right.Count)
        {
            if (i >= left.Count) { result.Add(right[j++]); continue; }
            if (j >= right.Count) { result.Add(left[i++]); continue; }
            var li = Position(serverOrder, left[i], mergeKey, shape);
            var ri = Position(serverOrder, right[j], mergeKey, shape);
            if (li >= 0 && ri >= 0 && li < ri) result.Add(left[i++]);
            else result.Add(right[j++]);
        }
        return result;
    }

    public static object? KeyOf(object? item, string mergeKey, string path)
    {
        if (item is not Dictionary<string, object?> map)
            throw InvalidPatchException.BadRequest(path, $"{StrategicMergePatch.Where(path)}expected an object with the merge key \"{mergeKey}\", but received {Render(item)}");
        if (!map.TryGetValue(mergeKey, out var key))
            throw InvalidPatchException.BadRequest(path, $"{StrategicMergePatch.Where(path)}map: {Render(map)} does not contain declared merge key: {mergeKey}");
        return key;
    }

    // $patch elements: delete removes the elements with that key from the original, replace makes the patch's other
    // elements the whole list; merge is the default and, as in Kubernetes, may not be spelled out.
    private static (List<object?> Original, List<object?> Patch) ApplySpecialElements(List<object?> original, List<object?> patch, string mergeKey, string path)
    {
        var plain = new List<object?>();
        var replace = false;
        for (var index = 0; index < patch.Count; index++)
        {
            var item = (Dictionary<string, object?>)patch[index]!;
            if (!item.TryGetValue(PatchDirectives.Patch, out var directive))
            {
                plain.Add(item);
                continue;
            }
            var itemPath = Item(path, index);
            switch (Text(directive))
            {
                case PatchDirectives.Delete:
                    var key = KeyOf(item, mergeKey, itemPath);
                    original = original.Where(o => !(o is Dictionary<string, object?> map && map.TryGetValue(mergeKey, out var k) && ScalarEquals(k, key))).ToList();
                    break;
                case PatchDirectives.Replace:
                    replace = true;
                    break;
                case PatchDirectives.Merge:
                    throw InvalidPatchException.BadRequest(itemPath, $"{StrategicMergePatch.Where(itemPath)}merging lists cannot yet be specified in the patch ($patch: merge is the default)");
                default:
                    throw InvalidPatchException.BadRequest(itemPath, $"{StrategicMergePatch.Where(itemPath)}unknown patch type: {Text(directive)} in map: {Render(item)}");
            }
        }
        return replace ? (plain, []) : (original, plain);
    }

    private static List<object?> MergeByKey(List<object?> original, List<object?> patch, string mergeKey, PatchSchema schema, string path)
    {
        var merged = new List<object?>(original);
        for (var index = 0; index < patch.Count; index++)
        {
            var item = (Dictionary<string, object?>)patch[index]!;
            var key = KeyOf(item, mergeKey, Item(path, index));
            var at = IndexOf(merged, key, mergeKey);
            if (at >= 0)
                merged[at] = StrategicMergePatch.MergeMap((Dictionary<string, object?>)merged[at]!, item, schema, Item(path, at));
            else
                merged.Add(StrategicMergePatch.WithoutDirectives(StrategicMergePatch.WithoutNulls(item)));
        }
        return merged;
    }

    /// <summary>The server's order a <c>$setElementOrder</c> is applied against after <see cref="Merge"/> of a list of
    /// objects: Kubernetes reads it from its original list after the merge, which deleted elements from that list and
    /// appended to it in place (Go slices share their array), so the order its result has is reproduced here: deletions
    /// shift the later elements forward, and as many new elements as were deleted fill the places left at the end.</summary>
    public static List<object?> ServerOrderAfterMerge(List<object?> original, List<object?> patch, string mergeKey)
    {
        var array = original.ToArray();
        var length = array.Length;
        var replaced = false;
        foreach (var item in patch.OfType<Dictionary<string, object?>>())
        {
            if (!item.TryGetValue(PatchDirectives.Patch, out var directive)) continue;
            if (Text(directive) == PatchDirectives.Replace) replaced = true;
            if (Text(directive) != PatchDirectives.Delete || !item.TryGetValue(mergeKey, out var key)) continue;
            for (var at = IndexOf([.. array[..length]], key, mergeKey); at >= 0; at = IndexOf([.. array[..length]], key, mergeKey))
            {
                Array.Copy(array, at + 1, array, at, length - at - 1);
                length--;
            }
        }
        if (replaced) return [.. array];
        var current = array[..length].ToList();
        foreach (var item in patch.OfType<Dictionary<string, object?>>().Where(i => !i.ContainsKey(PatchDirectives.Patch)))
        {
            if (!item.TryGetValue(mergeKey, out var key) || IndexOf(current, key, mergeKey) >= 0) continue;
            if (current.Count < array.Length) array[current.Count] = item;
            current.Add(item);
        }
        return [.. array];
    }

    private static int IndexOf(List<object?> list, object? key, string mergeKey) =>
        list.FindIndex(v => v is Dictionary<string, object?> map && map.TryGetValue(mergeKey, out var k) && ScalarEquals(k, key));

    private static int Position(List<object?> order, object? item, string mergeKey, Shape shape) => shape == Shape.Map
        ? IndexOf(order, ((Dictionary<string, object?>)item!)[mergeKey], mergeKey)
        : order.FindIndex(v => ScalarEquals(v, item));

    private static List<object?> SortBy(List<object?> items, List<object?> order, string mergeKey, Shape shape) =>
        items.Select((item, index) => (item, index, position: Position(order, item, mergeKey, shape)))
            .OrderBy(x => x.position < 0 ? int.MaxValue : x.position).ThenBy(x => x.index)
            .Select(x => x.item).ToList();

    private static bool IsDeleteDirective(object? item) =>
        item is Dictionary<string, object?> map && map.TryGetValue(PatchDirectives.Patch, out var d) && Text(d) == PatchDirectives.Delete;

    private static List<object?> Distinct(IEnumerable<object?> values)
    {
        var result = new List<object?>();
        foreach (var value in values)
        {
            if (!result.Any(v => ScalarEquals(v, value))) result.Add(value);
        }
        return result;
    }
}
