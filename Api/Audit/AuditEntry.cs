namespace EventOrch.Api.Audit;

/// <summary>One row of the audit index: an event of the record, with what the store noted around it (who, when, the
/// request and the cause) and which object it is about.</summary>
/// <param name="Sequence">The event's global sequence: the object's resourceVersion after it.</param>
/// <param name="EventId">The event's own id: what a component's later write names as its causation id.</param>
/// <param name="Uid">The object's uid, which is its stream id.</param>
/// <param name="Version">The event's position in its object's stream (1 for the create).</param>
/// <param name="EventType">The event's type name (<c>PodBound</c>).</param>
/// <param name="User">The user or service account that caused it; null when the store noted none.</param>
/// <param name="CorrelationId">The request id of the write that appended it.</param>
/// <param name="CausationId">The id of the event a component acted on, when one did.</param>
public sealed record AuditEntry(
    long Sequence,
    Guid EventId,
    Guid Uid,
    long Version,
    string Kind,
    string Namespace,
    string Name,
    string EventType,
    string? User,
    DateTimeOffset Timestamp,
    string? CorrelationId,
    string? CausationId);

/// <summary>One object that held a kind, namespace and name at some time: its stream in the audit index.</summary>
/// <param name="DeletedAt">When its stream ended with a delete; null while it lives.</param>
public sealed record AuditStream(
    Guid Uid,
    long FirstSequence,
    long LastSequence,
    DateTimeOffset FirstTimestamp,
    DateTimeOffset LastTimestamp,
    long Events,
    DateTimeOffset? DeletedAt)
{
    public bool Deleted => DeletedAt is not null;
}
