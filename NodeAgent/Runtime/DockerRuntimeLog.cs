namespace EventOrch.NodeAgent.Runtime;

/// <summary>Log messages of <see cref="DockerRuntime"/> (event ids 700-719).</summary>
internal static partial class DockerRuntimeLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Removed container {Name} ({ContainerId}), left {State}, to reuse its name")]
    public static partial void RemovedStaleContainer(this ILogger logger, string name, string containerId, string state);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Sandbox {Name} ({ContainerId}) of pod {PodUid} is already running; reusing it")]
    public static partial void ReusedRunningSandbox(this ILogger logger, string name, string containerId, string podUid);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Sandbox {Name} ({ContainerId}) did not start; removing it: {Reason}")]
    public static partial void SandboxStartFailed(this ILogger logger, string name, string containerId, string reason);

    [LoggerMessage(EventId = 703, Level = LogLevel.Information, Message = "Pulled image {Image}")]
    public static partial void Pulled(this ILogger logger, string image);

    [LoggerMessage(EventId = 704, Level = LogLevel.Warning, Message = "Pulling image {Image} failed: {Reason}")]
    public static partial void PullFailed(this ILogger logger, string image, string reason);

    [LoggerMessage(EventId = 705, Level = LogLevel.Information, Message = "Pulling image {Image} failed ({Reason}); using the copy present on the node")]
    public static partial void UsingLocalImage(this ILogger logger, string image, string reason);

    [LoggerMessage(EventId = 706, Level = LogLevel.Debug, Message = "Exec {Command} in {ContainerId} timed out after {Timeout}")]
    public static partial void ExecTimedOut(this ILogger logger, string command, string containerId, TimeSpan timeout);
}
