using EventOrch.Contracts.Events;
using EventOrch.Contracts.KubeEvents;
using JasperFx.Events;

namespace EventOrch.Api.KubeEvents;

/// <summary>Reads Marten's events as the mapping's <see cref="RecordedEvent"/>s.</summary>
public static class RecordedEvents
{
    /// <summary>The event with what the store recorded around it; null for anything that is not an object's event
    /// (Marten's tombstones).</summary>
    public static RecordedEvent? From(IEvent e) => e.Data is IObjectEvent data
        ? new RecordedEvent(data, e.Id, e.Sequence, e.Version, e.Timestamp, NullIfEmpty(e.UserName), NullIfEmpty(e.CorrelationId), NullIfEmpty(e.CausationId))
        : null;

    /// <summary>The Kubernetes Events of one stored event, given the state of its object before it (the signature a
    /// watch that follows the event stream can call with the state it folds).</summary>
    public static IReadOnlyList<Contracts.Model.KubeEvent> ToKubeEvents(IEvent e, Contracts.Model.IKubeObject? before, IEventSubjects subjects) =>
        From(e) is { } recorded ? KubeEventMapper.From(recorded, before, subjects) : [];

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
