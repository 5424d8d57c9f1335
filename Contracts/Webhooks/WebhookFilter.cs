using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;

namespace EventOrch.Contracts.Webhooks;

/// <summary>A subscription's filters, ready to match events: each one that is set (non-empty) must let the event
/// through. Event types and kinds match by exact name; the selector matches the object's labels.</summary>
public sealed class WebhookFilter
{
    private readonly HashSet<string>? _eventTypes;
    private readonly HashSet<string>? _kinds;
    private readonly HashSet<string>? _namespaces;
    private readonly LabelSelector _selector;

    public WebhookFilter(WebhookSubscriptionSpec spec)
    {
        _eventTypes = SetOf(spec.EventTypes);
        _kinds = SetOf(spec.Kinds);
        _namespaces = SetOf(spec.Namespaces);
        // A malformed selector never passes validation; one that somehow is stored selects nothing rather than everything.
        _selector = spec.Selector is null ? LabelSelector.Everything
            : spec.Selector.TryToSelector(out var selector, out _) ? selector : LabelSelector.Nothing;
    }

    /// <summary>Whether the selector matches every object, so the object's labels need not be known.</summary>
    public bool SelectsEverything => _selector.IsEverything;

    /// <summary>The filters that need no object: event type, kind and namespace ("" for a cluster-scoped object).</summary>
    public bool Matches(string eventType, string kind, string @namespace) =>
        (_eventTypes is null || _eventTypes.Contains(eventType))
        && (_kinds is null || _kinds.Contains(kind))
        && (_namespaces is null || (@namespace.Length > 0 && _namespaces.Contains(@namespace)));

    /// <summary>The selector, on the labels of the object the event is about.</summary>
    public bool MatchesLabels(IReadOnlyDictionary<string, string>? labels) => _selector.Matches(labels);

    private static HashSet<string>? SetOf(List<string>? values) =>
        values is { Count: > 0 } ? new HashSet<string>(values, StringComparer.Ordinal) : null;
}
