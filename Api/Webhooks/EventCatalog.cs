using EventOrch.Api.Watch;

namespace EventOrch.Api.Webhooks;

/// <summary>The kinds the Api stores and their event types, as the watch cache registers them: what a subscription's
/// filters may name, and which kind (and evolver) an event belongs to.</summary>
/// <remarks>Read lazily from the container: the WebhookSubscription kind is itself one of the kinds, and its definition
/// validates against this catalog, so building it eagerly would make the registration depend on itself.</remarks>
public sealed class EventCatalog(IServiceProvider services)
{
    private readonly Lazy<Contents> _contents = new(() => Build(services.GetServices<IWatchedKind>()));

    /// <summary>Kind names (Pod, Deployment, ...).</summary>
    public IReadOnlyList<string> Kinds => _contents.Value.Kinds;

    /// <summary>Event type names (PodCreated, ...), as subscriptions name them.</summary>
    public IReadOnlySet<string> EventTypes => _contents.Value.EventTypes;

    /// <summary>The kind whose events include <paramref name="eventType"/>; null for anything else (Marten's tombstones).</summary>
    public IWatchedKind? KindOf(Type eventType) => _contents.Value.ByEventType.GetValueOrDefault(eventType);

    private static Contents Build(IEnumerable<IWatchedKind> kinds)
    {
        var list = kinds.ToList();
        var byEventType = new Dictionary<Type, IWatchedKind>();
        foreach (var kind in list)
            foreach (var type in kind.EventTypes) byEventType.TryAdd(type, kind);
        return new Contents(
            [.. list.Select(k => k.Kind.Kind).Distinct(StringComparer.Ordinal)],
            byEventType.Keys.Select(t => t.Name).ToHashSet(StringComparer.Ordinal),
            byEventType);
    }

    private sealed record Contents(IReadOnlyList<string> Kinds, IReadOnlySet<string> EventTypes, IReadOnlyDictionary<Type, IWatchedKind> ByEventType);
}
