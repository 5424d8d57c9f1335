namespace EventOrch.Cli.Waiting;

public enum ProgressState
{
    Waiting,
    Done,
    Failed,
}

/// <summary>Where a wait stands: a headline (kubectl's wording where kubectl has one) and detail lines (the new
/// ReplicaSet, each of its pods).</summary>
public sealed record Progress(ProgressState State, string Message, IReadOnlyList<string> Details)
{
    public static Progress Waiting(string message, IReadOnlyList<string>? details = null) => new(ProgressState.Waiting, message, details ?? []);
    public static Progress Done(string message, IReadOnlyList<string>? details = null) => new(ProgressState.Done, message, details ?? []);
    public static Progress Failed(string message, IReadOnlyList<string>? details = null) => new(ProgressState.Failed, message, details ?? []);

    public bool SameAs(Progress? other) =>
        other is not null && other.State == State && other.Message == Message && other.Details.SequenceEqual(Details);
}

/// <summary>What a wait waits for: how to tell where it stands, and which collections to watch for changes.</summary>
public interface IReadinessCheck
{
    /// <summary>The collections to watch, narrowed as far as the check can (a workload's pods by its selector).</summary>
    Task<IReadOnlyList<WatchTarget>> TargetsAsync(CancellationToken cancellationToken);

    Task<Progress> CheckAsync(CancellationToken cancellationToken);
}
