using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Resources;

namespace EventOrch.Cli.Describe;

/// <summary>The object's Kubernetes Events (<c>/api/v1/namespaces/NS/events?fieldSelector=involvedObject.uid=UID</c>),
/// oldest first, as kubectl describe's Events table: Type, Reason, Age ("5m (x3 over 10m)"), From, Message.</summary>
public static class EventsSection
{
    public static async Task WriteAsync(DescribeWriter writer, KubeApiClient api, KindCatalog kinds, JsonObject obj, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // Discovery says whether Events are served; without discovery, a 404 says they are not.
        if (kinds.ServesEvents == false) return;
        var uid = obj["metadata"]?["uid"]?.GetValue<string>();
        if (uid is null) return;
        var @namespace = obj["metadata"]?["namespace"]?.GetValue<string>();
        var path = (@namespace is null ? "/api/v1/events" : $"/api/v1/namespaces/{Uri.EscapeDataString(@namespace)}/events")
            + ObjectCalls.SelectorQuery(null, $"involvedObject.uid={uid}");
        JsonNode list;
        try
        {
            list = await api.SendJsonAsync(HttpMethod.Get, path, cancellationToken: cancellationToken);
        }
        catch (ApiException ex) when (ex.IsNotFound && kinds.ServesEvents is null)
        {
            return;
        }
        var rows = (list["items"] as JsonArray ?? []).OfType<JsonObject>()
            .OrderBy(e => Last(e) ?? "", StringComparer.Ordinal)
            .Select(e => (IReadOnlyList<string>)
            [
                ObjectDescriber.Text(e["type"]) ?? "",
                ObjectDescriber.Text(e["reason"]) ?? "",
                Age(e, now),
                ObjectDescriber.Text(e["source"]?["component"]) ?? ObjectDescriber.Text(e["reportingComponent"]) ?? ObjectDescriber.Text(e["reportingController"]) ?? "",
                (ObjectDescriber.Text(e["message"]) ?? "").Trim(),
            ])
            .ToList();
        writer.Table(0, "Events", ["Type", "Reason", "Age", "From", "Message"], rows);
    }

    private static string? Last(JsonObject e) =>
        ObjectDescriber.Text(e["lastTimestamp"]) ?? ObjectDescriber.Text(e["series"]?["lastObservedTime"]) ?? ObjectDescriber.Text(e["eventTime"])
        ?? ObjectDescriber.Text(e["firstTimestamp"]);

    private static string Age(JsonObject e, DateTimeOffset now)
    {
        var last = ObjectDescriber.Age(JsonValue.Create(Last(e)), now);
        var count = e["count"] is JsonValue c && c.TryGetValue<int>(out var n) ? n : e["series"]?["count"] is JsonValue s && s.TryGetValue<int>(out var m) ? m : 1;
        var first = ObjectDescriber.Text(e["firstTimestamp"]) ?? ObjectDescriber.Text(e["eventTime"]);
        return count > 1 && first is not null ? $"{last} (x{count} over {ObjectDescriber.Age(JsonValue.Create(first), now)})" : last;
    }
}
