using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Cli.Apply;
using EventOrch.Cli.Output;
using EventOrch.Contracts.Formatting;

namespace EventOrch.Cli.Describe;

/// <summary>describe's body for an object of any kind: its metadata, then spec, status and the other fields as a tree of
/// labelled values (kubectl's generic describer), its conditions as a table.</summary>
public static class ObjectDescriber
{
    // Maps of strings shown as key=value rather than as fields.
    private static readonly HashSet<string> StringMaps = ["labels", "annotations", "matchLabels", "nodeSelector", "selector", "data", "stringData"];

    public static void Metadata(DescribeWriter writer, JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject ?? [];
        writer.Line(0, "Name", Text(metadata["name"]));
        if (metadata["namespace"] is { } ns) writer.Line(0, "Namespace", Text(ns));
        writer.Lines(0, "Labels", Pairs(metadata["labels"], "="));
        writer.Lines(0, "Annotations", Pairs(metadata["annotations"], ": ", skip: LastAppliedConfiguration.Annotation));
        writer.Line(0, "CreationTimestamp", Timestamp(metadata["creationTimestamp"]));
        if (metadata["deletionTimestamp"] is { } deleting)
            writer.Line(0, "DeletionTimestamp", $"{Timestamp(deleting)} (grace period {Text(metadata["deletionGracePeriodSeconds"]) ?? "0"}s)");
        if (metadata["finalizers"] is JsonArray { Count: > 0 } finalizers)
            writer.Line(0, "Finalizers", "[" + string.Join(" ", finalizers.Select(Text)) + "]");
        if ((metadata["ownerReferences"] as JsonArray ?? []).FirstOrDefault(o => o?["controller"]?.GetValueKind() == JsonValueKind.True) is { } controller)
            writer.Line(0, "Controlled By", $"{Text(controller["kind"])}/{Text(controller["name"])}");
    }

    /// <summary>Every top-level field but apiVersion, kind and metadata; status conditions go to their own table.</summary>
    public static void Fields(DescribeWriter writer, JsonObject obj)
    {
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind" or "metadata" || value is null) continue;
            var shown = value;
            if (key == "status" && value is JsonObject status && status["conditions"] is JsonArray)
            {
                shown = (JsonObject)status.DeepClone();
                ((JsonObject)shown).Remove("conditions");
            }
            Field(writer, 0, key, shown);
        }
        if (obj["status"]?["conditions"] is JsonArray conditions)
        {
            writer.Table(0, "Conditions", ["Type", "Status", "Reason", "Message"], conditions.OfType<JsonObject>()
                .Select(c => (IReadOnlyList<string>)[Text(c["type"]) ?? "", Text(c["status"]) ?? "", Text(c["reason"]) ?? "", Text(c["message"]) ?? ""])
                .ToList());
        }
    }

    private static void Field(DescribeWriter writer, int level, string key, JsonNode? value)
    {
        var label = FieldLabels.For(key);
        switch (value)
        {
            case JsonObject map when StringMaps.Contains(key) && map.All(kv => kv.Value is JsonValue):
                writer.Lines(level, label, Pairs(map, "="));
                break;
            case JsonObject map when map.Count == 0:
                writer.Line(level, label, "<none>");
                break;
            case JsonObject map:
                writer.Line(level, label);
                foreach (var (childKey, child) in map) Field(writer, level + 1, childKey, child);
                break;
            case JsonArray list when list.Count == 0:
                writer.Line(level, label, "<none>");
                break;
            case JsonArray list when list.All(i => i is JsonValue):
                writer.Line(level, label);
                foreach (var item in list) writer.Text(level + 1, Text(item) ?? "");
                break;
            case JsonArray list:
                writer.Line(level, label);
                foreach (var item in list)
                {
                    if (item is JsonObject itemMap)
                    {
                        foreach (var (childKey, child) in itemMap) Field(writer, level + 1, childKey, child);
                    }
                    else
                    {
                        writer.Text(level + 1, Text(item) ?? "");
                    }
                }
                break;
            default:
                writer.Line(level, label, Text(value) ?? "<none>");
                break;
        }
    }

    public static List<string> Pairs(JsonNode? map, string separator, string? skip = null) =>
        map is JsonObject obj
            ? obj.Where(kv => kv.Key != skip).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}{separator}{Text(kv.Value)}").ToList()
            : [];

    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>An RFC 3339 time as kubectl describe prints it (RFC 1123 with a numeric zone).</summary>
    public static string Timestamp(JsonNode? node) =>
        DateTimeOffset.TryParse(Text(node), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture)
            : "<unknown>";

    /// <summary>How long ago, for events.</summary>
    public static string Age(JsonNode? node, DateTimeOffset now) => HumanDuration.Since(Text(node), now);
}
