using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Webhooks;

namespace EventOrch.Api.Webhooks.Routing;

/// <summary>The router's view of every WebhookSubscription: loaded from the projection, then kept current by the
/// subscriptions' own events as the router meets them in sequence order.</summary>
public sealed class SubscriptionTable
{
    private readonly Dictionary<Guid, (WebhookSubscription Object, RoutedSubscription Routed)> _subscriptions = [];

    public int Count => _subscriptions.Count;

    public void Clear() => _subscriptions.Clear();

    /// <summary>A subscription as loaded: its current state, the version of its stream that state is at, and the sequence
    /// of its create.</summary>
    public void Load(WebhookSubscription subscription, long version, long createdSequence) =>
        Set(Guid.Parse(subscription.Metadata.Uid!), subscription, version, createdSequence);

    /// <summary>Folds one of a subscription's events into the table; an event the loaded state already includes changes
    /// nothing. True when the subscription was deleted by it.</summary>
    public bool Apply(Guid uid, IObjectEvent @event, EventPosition position)
    {
        var known = _subscriptions.TryGetValue(uid, out var entry);
        if (known && position.Version <= entry.Routed.Version) return false;
        var next = WebhookSubscriptionEvolver.Instance.Apply(known ? entry.Object : null, @event, position);
        if (next is null)
        {
            _subscriptions.Remove(uid);
            return @event is WebhookSubscriptionDeleted;
        }
        Set(uid, next, position.Version, known ? entry.Routed.CreatedSequence : position.Sequence);
        return false;
    }

    /// <summary>The subscriptions whose event type, kind and namespace filters let the event through and that existed
    /// before it; their selectors are still to be matched.</summary>
    public List<RoutedSubscription> Candidates(string eventType, string kind, string @namespace, long sequence)
    {
        var candidates = new List<RoutedSubscription>();
        foreach (var (_, routed) in _subscriptions.Values)
            if (routed.CreatedSequence < sequence && routed.Filter.Matches(eventType, kind, @namespace)) candidates.Add(routed);
        return candidates;
    }

    private void Set(Guid uid, WebhookSubscription subscription, long version, long createdSequence) =>
        _subscriptions[uid] = (subscription, new RoutedSubscription(uid, subscription.Metadata.Name!, createdSequence, version,
            new WebhookFilter(subscription.Spec)));
}
