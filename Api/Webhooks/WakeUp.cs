namespace EventOrch.Api.Webhooks;

/// <summary>The payload of a notification on <see cref="WebhookStorage.Channel"/>: "schema|uid,uid,...", or "schema|*"
/// when there are too many subscriptions to name (a notification payload is limited to 8000 bytes).</summary>
public static class WakeUp
{
    private const int MostNamed = 100;

    public static string Payload(string schema, IReadOnlyCollection<Guid> subscriptions) =>
        subscriptions.Count > MostNamed ? $"{schema}|*" : $"{schema}|{string.Join(",", subscriptions)}";

    /// <summary>The subscriptions a payload names for <paramref name="schema"/>: null for every one ("*"), empty when the
    /// payload is another schema's or not understood.</summary>
    public static IReadOnlyList<Guid>? Parse(string payload, string schema)
    {
        var bar = payload.IndexOf('|');
        if (bar < 0 || payload.AsSpan(0, bar).SequenceEqual(schema) is false) return [];
        var rest = payload[(bar + 1)..];
        if (rest == "*") return null;
        var uids = new List<Guid>();
        foreach (var part in rest.Split(',', StringSplitOptions.RemoveEmptyEntries))
            if (Guid.TryParse(part, out var uid)) uids.Add(uid);
        return uids;
    }
}
