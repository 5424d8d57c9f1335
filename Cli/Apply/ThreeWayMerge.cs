using System.Text.Json.Nodes;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Apply;

/// <summary>kubectl apply's three-way merge, computed here as the object to write rather than as a patch: starting from
/// the live object (<c>current</c>), every field the file (<c>modified</c>) sets takes the file's value, every field the
/// last applied file (<c>original</c>) set and this one no longer does is removed, and every other field is left as
/// the server and other writers made it (status, defaults, a Deployment's replicas when the file omits them).
/// The rules are the server's, read from the kind's <see cref="PatchSchema"/>: a list marked merge is merged item by
/// item by its merge key (containers by name, container ports by containerPort, service ports by port, conditions by
/// type, ...), a list of scalars marked merge as a set, and an object marked retainKeys (a Deployment's strategy, each
/// volume) keeps only the fields the file sets, so switching to another alternative drops the old one. Any other list
/// belongs to the file as a whole, but is left alone when every item the file gives is already there with the same
/// values (the server having only added defaults inside them). Inside objects no model describes, lists are merged
/// by the merge key their field name has in Kubernetes, or by "name".</summary>
public static class ThreeWayMerge
{
    // For lists in objects no model describes: Kubernetes' patchMergeKey of the list fields EventOrch serves; any other
    // list whose items all have a "name" is merged by name too.
    private static readonly Dictionary<string, string[]> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = ["name"],
        ["initContainers"] = ["name"],
        ["ephemeralContainers"] = ["name"],
        ["volumes"] = ["name"],
        ["env"] = ["name"],
        ["imagePullSecrets"] = ["name"],
        ["volumeMounts"] = ["mountPath"],
        ["volumeDevices"] = ["devicePath"],
        ["ports"] = ["containerPort", "port"],
        ["conditions"] = ["type"],
        ["ownerReferences"] = ["uid"],
        ["hostAliases"] = ["ip"],
        ["topologySpreadConstraints"] = ["topologyKey"],
    };

    // Lists of strings Kubernetes merges as sets.
    private static readonly HashSet<string> SetLists = ["finalizers"];

    /// <summary>The merge of objects whose shape no model describes.</summary>
    public static JsonObject Merge(JsonObject? original, JsonObject modified, JsonObject current) =>
        Merge(original, modified, current, PatchSchema.Unknown);

    /// <summary>The merge of objects of the type <paramref name="schema"/> describes (see <see cref="KindSchemas"/>).</summary>
    public static JsonObject Merge(JsonObject? original, JsonObject modified, JsonObject current, PatchSchema schema) =>
        MergeObject(original, modified, current, schema, retainKeys: false);

    private static JsonObject MergeObject(JsonObject? original, JsonObject modified, JsonObject current, PatchSchema schema, bool retainKeys)
    {
        var result = (JsonObject)current.DeepClone();
        if (retainKeys)
        {
            // kubectl sends $retainKeys with the file's fields: every other field of the live object goes.
            foreach (var (key, _) in current)
            {
                if (modified[key] is null) result.Remove(key);
            }
        }
        else if (original is not null)
        {
            foreach (var (key, _) in original)
            {
                if (!modified.ContainsKey(key)) result.Remove(key);
            }
        }
        foreach (var (key, value) in modified)
        {
            var live = current[key];
            var field = schema.Field(key);
            switch (value)
            {
                case null:
                    result.Remove(key);
                    break;
                case JsonObject map when live is JsonObject liveMap:
                    result[key] = MergeObject(original?[key] as JsonObject, map, liveMap, field.Schema, field.RetainsKeys);
                    break;
                case JsonArray list when live is JsonArray liveList:
                    result[key] = MergeList(key, schema, field, original?[key] as JsonArray, list, liveList);
                    break;
                default:
                    result[key] = value.DeepClone();
                    break;
            }
        }
        return result;
    }

    private static JsonArray MergeList(string name, PatchSchema parent, PatchField field, JsonArray? original, JsonArray modified, JsonArray current)
    {
        if (field.Merges)
        {
            if (field.MergeKey.Length == 0 && modified.All(i => i is JsonValue)) return MergeSet(original, modified, current);
            if (field.MergeKey.Length > 0 && HasDistinctKeys(field.MergeKey, modified))
                return MergeByKey(field.MergeKey, original, modified, current, field.Schema, field.RetainsKeys);
        }
        else if (ReferenceEquals(parent, PatchSchema.Unknown))
        {
            // No model describes the object holding the list (a free-form field, a kind without a model): go by the
            // field's name.
            if (MergeKeyOf(name, modified) is { } key) return MergeByKey(key, original, modified, current, PatchSchema.Unknown, retainKeys: false);
            if (SetLists.Contains(name) && modified.All(i => i is JsonValue)) return MergeSet(original, modified, current);
        }
        return Subsumes(modified, current) ? (JsonArray)current.DeepClone() : (JsonArray)modified.DeepClone();
    }

    /// <summary>The key the items of a list are merged by: the field's known key that every item the file gives has, with
    /// no two items sharing a value; or "name" when every item has a distinct one; null for an atomic list.</summary>
    public static string? MergeKeyOf(string field, JsonArray modified)
    {
        var candidates = MergeKeys.TryGetValue(field, out var known) ? known : ["name"];
        return candidates.FirstOrDefault(candidate => HasDistinctKeys(candidate, modified));
    }

    private static bool HasDistinctKeys(string key, JsonArray items)
    {
        var values = items.Select(i => i is JsonObject o && o[key] is JsonValue v ? v.ToJsonString() : null).ToList();
        return values.Count > 0 && values.All(v => v is not null) && values.Distinct().Count() == values.Count;
    }

    private static JsonArray MergeByKey(string key, JsonArray? original, JsonArray modified, JsonArray current, PatchSchema schema, bool retainKeys)
    {
        static string? KeyOf(JsonNode? item, string key) => item is JsonObject o && o[key] is JsonValue v ? v.ToJsonString() : null;

        var originalItems = (original ?? []).Where(i => KeyOf(i, key) is not null).GroupBy(i => KeyOf(i, key)!).ToDictionary(g => g.Key, g => g.First());
        var modifiedKeys = modified.Select(i => KeyOf(i, key)!).ToList();
        var currentItems = current.Where(i => KeyOf(i, key) is not null).GroupBy(i => KeyOf(i, key)!).ToDictionary(g => g.Key, g => g.First());

        JsonNode Merged(JsonNode item)
        {
            var k = KeyOf(item, key)!;
            return currentItems.TryGetValue(k, out var live) && live is JsonObject liveObject
                ? MergeObject(originalItems.GetValueOrDefault(k) as JsonObject, (JsonObject)item, liveObject, schema, retainKeys)
                : item.DeepClone();
        }

        // The live order is kept while it agrees with the file's; items the file adds go after. Items others added (not
        // in the file and never applied) stay; items the last apply gave and this file drops go.
        var kept = new List<JsonNode?>();
        foreach (var item in current)
        {
            var k = KeyOf(item, key);
            if (k is not null && modifiedKeys.Contains(k)) kept.Add(Merged(modified[modifiedKeys.IndexOf(k)]!));
            else if (k is null || !originalItems.ContainsKey(k)) kept.Add(item?.DeepClone());
        }
        foreach (var item in modified)
        {
            if (!currentItems.ContainsKey(KeyOf(item, key)!)) kept.Add(Merged(item!));
        }
        var order = kept.Select(i => KeyOf(i, key)).Where(k => k is not null && modifiedKeys.Contains(k)).ToList();
        if (!order.SequenceEqual(modifiedKeys))
        {
            // The file reorders its items: its order first, then the others'.
            kept = [.. modified.Select(i => Merged(i!)), .. kept.Where(i => KeyOf(i, key) is not { } k || !modifiedKeys.Contains(k))];
        }
        return new JsonArray(kept.ToArray());
    }

    private static JsonArray MergeSet(JsonArray? original, JsonArray modified, JsonArray current)
    {
        static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";
        var dropped = (original ?? []).Select(Text).Except(modified.Select(Text)).ToHashSet();
        var result = current.Where(i => !dropped.Contains(Text(i))).Select(i => i?.DeepClone()).ToList();
        foreach (var item in modified)
        {
            if (!result.Any(r => Text(r) == Text(item))) result.Add(item?.DeepClone());
        }
        return new JsonArray(result.ToArray());
    }

    /// <summary>Whether <paramref name="live"/> already holds everything <paramref name="given"/> says: the same scalars,
    /// every field of an object (the live one may have more), lists of the same length item by item.</summary>
    public static bool Subsumes(JsonNode? given, JsonNode? live) => given switch
    {
        null => live is null,
        JsonObject map => live is JsonObject liveMap && map.All(kv => liveMap.ContainsKey(kv.Key) ? Subsumes(kv.Value, liveMap[kv.Key]) : kv.Value is null),
        JsonArray list => live is JsonArray liveList && list.Count == liveList.Count && list.Zip(liveList).All(p => Subsumes(p.First, p.Second)),
        _ => live is JsonValue && JsonNode.DeepEquals(given, live),
    };
}
