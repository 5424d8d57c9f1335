namespace EventOrch.NodeAgent.Runtime;

/// <summary>One container of the <see cref="SimulatedRuntime"/>; its state is derived from when it was started and
/// stopped, so moving the clock is all it takes to make it run. Not thread-safe: the runtime holds its lock.</summary>
internal sealed class SimulatedContainer(string id, string name, IReadOnlyDictionary<string, string> labels, string imageId, DateTimeOffset createdAt)
{
    private DateTimeOffset? startRequestedAt;
    private DateTimeOffset? finishedAt;

    public string Id { get; } = id;
    public string Name { get; } = name;
    public IReadOnlyDictionary<string, string> Labels { get; } = labels;
    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>Started and not stopped: Running, or about to be.</summary>
    public bool IsStarted => startRequestedAt is not null && finishedAt is null;

    public void Start(DateTimeOffset now)
    {
        if (IsStarted) return;
        startRequestedAt = now;
        finishedAt = null;
    }

    public void Stop(DateTimeOffset now)
    {
        if (IsStarted) finishedAt = now;
    }

    public ContainerState StateAt(DateTimeOffset now, TimeSpan startDelay)
    {
        if (startRequestedAt is not { } requested) return new ContainerState(ContainerRunState.Created, null, null, null, null, false, imageId);
        var startedAt = requested + startDelay;
        if (finishedAt is { } finished)
            return new ContainerState(ContainerRunState.Exited, 0, startedAt <= finished ? startedAt : null, finished, null, false, imageId);
        return now >= startedAt
            ? new ContainerState(ContainerRunState.Running, null, startedAt, null, null, false, imageId)
            : new ContainerState(ContainerRunState.Created, null, null, null, null, false, imageId);
    }
}
