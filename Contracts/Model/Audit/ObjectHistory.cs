using EventOrch.Contracts.Diffing;

namespace EventOrch.Contracts.Model.Audit;

/// <summary>eventorch.io/v1 ObjectHistory: every event of one object's stream, oldest first, served at
/// <c>.../{plural}/{name}/history</c>.</summary>
public sealed record ObjectHistory
{
    public string ApiVersion { get; init; } = AuditKinds.ApiVersion;
    public string Kind { get; init; } = AuditKinds.ObjectHistory;

    /// <summary>resourceVersion: the sequence of the stream's newest event.</summary>
    public ListMeta Metadata { get; init; } = new();

    /// <summary>The object the events are of (its uid chosen among <see cref="Streams"/>).</summary>
    public ObjectReference Object { get; init; } = new();

    /// <summary>Whether its stream ended with a delete.</summary>
    public bool Deleted { get; init; }

    /// <summary>Every object that ever held this kind, namespace and name, oldest first, the one shown included: another
    /// is chosen with <c>?uid=</c>.</summary>
    public List<HistoryStream> Streams { get; init; } = [];

    public List<HistoryEvent> Events { get; init; } = [];
}

/// <summary>One object that held a name at some time.</summary>
public sealed record HistoryStream
{
    public string Uid { get; init; } = "";

    /// <summary>The sequence of its first event (the create) and of its last.</summary>
    public string FirstResourceVersion { get; init; } = "";
    public string LastResourceVersion { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was deleted; null while it lives.</summary>
    public DateTimeOffset? DeletedAt { get; init; }

    public long Events { get; init; }
}

/// <summary>One event of an object's history.</summary>
public sealed record HistoryEvent
{
    /// <summary>The event's global sequence: the object's resourceVersion after it.</summary>
    public string ResourceVersion { get; init; } = "";

    /// <summary>Its place in the object's stream (1 for the create).</summary>
    public long StreamVersion { get; init; }

    public DateTimeOffset Time { get; init; }

    /// <summary>The event's type (<c>PodBound</c>).</summary>
    public string Type { get; init; } = "";

    /// <summary>Who caused it: the user or service account.</summary>
    public string? User { get; init; }

    public string EventId { get; init; } = "";

    /// <summary>The request id of the write (what the Api echoed as <c>Audit-Id</c>).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The id of the event the component that wrote this acted on, when one did.</summary>
    public string? CausationId { get; init; }

    /// <summary>Why the writer decided the change, in its words, when it said (an autoscaler's metric values and rule).</summary>
    public string? Reason { get; init; }

    /// <summary>The fields the event changed (every field for a create; none for a delete). A Secret's data values
    /// and its last-applied annotation are never shown: only that they changed.</summary>
    public List<FieldChange> Changes { get; init; } = [];
}
