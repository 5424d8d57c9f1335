namespace EventOrch.Api.Audit;

/// <summary>An object's state after one event of its stream, kept so that a read as of a later point folds only the
/// events after it (<see cref="PastObjects"/>). Events never change, so a snapshot never goes stale; it is a cache,
/// made when a read first folds a long stretch of a stream, and can be deleted at any time.</summary>
public sealed class ObjectSnapshot
{
    /// <summary>"uid/version".</summary>
    public string Id { get; set; } = "";

    public Guid StreamId { get; set; }

    /// <summary>The stream version of the event the state is after.</summary>
    public long Version { get; set; }

    /// <summary>The global sequence of that event.</summary>
    public long Sequence { get; set; }

    /// <summary>The object as the kind's evolver left it, as JSON of its model type.</summary>
    public string State { get; set; } = "";

    public static string IdOf(Guid streamId, long version) => $"{streamId}/{version}";
}
