namespace EventOrch.Api.Storage;

/// <summary>Follows the event store in sequence order (the watch cache): it passes a number only once that number
/// committed or was given up as a failed append, so having passed one means no lower number can still commit unseen.</summary>
public interface ISequenceFollower
{
    /// <summary>Waits, for a bounded time, until the follower has passed <paramref name="sequence"/>; false when the
    /// time ran out first.</summary>
    Task<bool> WaitForAsync(long sequence, CancellationToken cancellationToken);
}
