namespace EventOrch.Contracts.Events;

/// <summary>A fact about one object. The object's uid names its event stream.</summary>
public interface IObjectEvent
{
    string Uid { get; }

    /// <summary>The object's namespace, or "" for a cluster-scoped object.</summary>
    string Namespace { get; }

    string Name { get; }
}

/// <summary>Where an event stands: its global sequence (the object's resourceVersion after it),
/// its version within the object's stream, and when it was committed.</summary>
/// <remarks><paramref name="EventId"/> is the event's own id, when the informer knows it (a relist does not).</remarks>
public readonly record struct EventPosition(long Sequence, long Version, DateTimeOffset Timestamp, Guid? EventId = null);

/// <summary>New values of the mutable metadata fields that changed; a null field did not change,
/// an empty collection means the field was cleared.</summary>
public sealed record MetadataChanges
{
    public Dictionary<string, string>? Labels { get; init; }
    public Dictionary<string, string>? Annotations { get; init; }
    public List<Model.OwnerReference>? OwnerReferences { get; init; }
    public List<string>? Finalizers { get; init; }

    /// <summary>Set when a delete began that finalizers hold back; once set it is never cleared.</summary>
    public DateTimeOffset? DeletionTimestamp { get; init; }

    /// <summary>Set with <see cref="DeletionTimestamp"/>: 0 once the object only waits for its finalizers.</summary>
    public long? DeletionGracePeriodSeconds { get; init; }

    public bool IsEmpty => Labels is null && Annotations is null && OwnerReferences is null && Finalizers is null
        && DeletionTimestamp is null && DeletionGracePeriodSeconds is null;
}

/// <summary>Names of the headers the relay puts on every published event.</summary>
public static class EventHeaders
{
    /// <summary>The event's global sequence: the object's resourceVersion after it.</summary>
    public const string Sequence = "eo-sequence";

    /// <summary>The event's version within its object's stream (1 for the create).</summary>
    public const string StreamVersion = "eo-stream-version";

    /// <summary>The uid of the object, which is also its stream id.</summary>
    public const string StreamId = "eo-stream-id";

    /// <summary>The request id of the write that appended the event.</summary>
    public const string CorrelationId = "eo-correlation-id";

    /// <summary>Who caused the event: a user or a service account.</summary>
    public const string User = "eo-user";

    /// <summary>The id of the event a controller acted on, when one did.</summary>
    public const string CausationId = "eo-causation-id";

    /// <summary>When the event was committed (RFC 3339).</summary>
    public const string Timestamp = "eo-timestamp";
}
