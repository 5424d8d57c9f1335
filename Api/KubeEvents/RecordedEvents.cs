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

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
