using EventOrch.Contracts.Events;

namespace EventOrch.Contracts.KubeEvents;

/// <summary>A domain event with what the store recorded around it (its id, global sequence, time, who caused it, the
/// request and the cause): what the Kubernetes Event mapping reads.</summary>
public sealed record RecordedEvent(
    IObjectEvent Data,
    Guid Id,
    long Sequence,
    long Version,
    DateTimeOffset Timestamp,
    string? User = null,
    string? CorrelationId = null,
    string? CausationId = null)
{
    /// <summary>Whether a component (a service account, or another <c>system:</c> identity) caused the event rather than a
    /// person: only a component's writes are reported as a controller's doing (SuccessfulCreate, ScalingReplicaSet, ...).</summary>
    public bool ByComponent => User is { } user && user.StartsWith("system:", StringComparison.Ordinal);

    public EventPosition Position => new(Sequence, Version, Timestamp, Id);
}
