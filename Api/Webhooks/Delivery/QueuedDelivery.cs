namespace EventOrch.Api.Webhooks.Delivery;

/// <summary>A delivery waiting in its subscription's queue: what is sent (the body, fixed when the event was routed) and
/// how many attempts it has had.</summary>
public sealed record QueuedDelivery(Guid Id, long Sequence, Guid EventId, string EventType, string Body, int Attempts,
    DateTimeOffset NextAttemptAt);
