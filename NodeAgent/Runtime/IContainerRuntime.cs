namespace EventOrch.NodeAgent.Runtime;

/// <summary>What the node agent needs from a container engine. Docker (Docker.DotNet) runs pods for real;
/// the simulated runtime starts nothing, for hollow nodes in scale tests. Expected failures (an image that
/// cannot be pulled, a container that is gone) are values, not exceptions.</summary>
public interface IContainerRuntime
{
    /// <summary>The engine's name and version, e.g. ("docker", "20.10.24").</summary>
    Task<RuntimeVersion> VersionAsync(CancellationToken cancellationToken);

    /// <summary>Every container (sandboxes included) carrying the label <see cref="RuntimeLabels.Node"/> = <paramref name="nodeName"/>.</summary>
    Task<IReadOnlyList<RuntimeContainer>> ListAsync(string nodeName, CancellationToken cancellationToken);

    /// <summary>Makes sure the image is present, pulling it when the policy says so.</summary>
    Task<ImageResult> EnsureImageAsync(string image, string pullPolicy, CancellationToken cancellationToken);

    /// <summary>Creates and starts a pod's sandbox: it holds the pod's network, IPC and hostname, and publishes its ports.</summary>
    Task<string> RunSandboxAsync(SandboxSpec spec, CancellationToken cancellationToken);

    /// <summary>Creates (does not start) a container that joins the sandbox's network and IPC namespaces.</summary>
    Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken);

    Task StartAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Sends SIGTERM, waits up to <paramref name="gracePeriod"/>, then SIGKILL. A missing container is no error.</summary>
    Task StopAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken);

    /// <summary>Removes a stopped container (and its anonymous volumes). A missing container is no error.</summary>
    Task RemoveAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>The container's state, or null when it does not exist.</summary>
    Task<ContainerState?> InspectAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Runs a command in a running container (exec probes).</summary>
    Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>The container's log: stdout and stderr interleaved as plain text.</summary>
    Task<Stream> LogsAsync(string containerId, LogOptions options, CancellationToken cancellationToken);

    /// <summary>The container's cumulative cpu time and its memory working set, read now (one sample; the cpu rate is
    /// the difference of two); null when the container is gone or not running.</summary>
    Task<ContainerUsage?> UsageAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Creates the named volume with these labels (or finds the one that exists) and returns its directory on
    /// the host, which containers can bind-mount.</summary>
    Task<string> CreateVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    /// <summary>Removes the named volume and its data. A missing volume is no error.</summary>
    Task RemoveVolumeAsync(string name, CancellationToken cancellationToken);
}

/// <summary>One reading of a container's usage: cpu time used since it started (nanoseconds, cumulative) and memory
/// in use now less what the kernel can drop at once (the working set: usage - inactive_file, as the kubelet counts).</summary>
public sealed record ContainerUsage(DateTimeOffset At, ulong CpuNanoseconds, ulong WorkingSetBytes);

public sealed record RuntimeVersion(string Name, string Version);

/// <summary>Labels on every container the agent creates, so it can rebuild its view after a restart.</summary>
public static class RuntimeLabels
{
    public const string Node = "io.eventorch.node";
    public const string Namespace = "io.eventorch.pod.namespace";
    public const string PodName = "io.eventorch.pod.name";
    public const string PodUid = "io.eventorch.pod.uid";
    public const string Container = "io.eventorch.container.name";

    /// <summary>"sandbox" on a pod's sandbox container, "container" on the others.</summary>
    public const string Role = "io.eventorch.role";

    public const string SandboxRole = "sandbox";
    public const string ContainerRole = "container";

    /// <summary>How many times the agent had started this spec container before this instance (for restartCount).</summary>
    public const string Attempt = "io.eventorch.container.attempt";

    /// <summary>The persistent volumes a container mounts, comma-separated: what the node reports in use while it runs.</summary>
    public const string Volumes = "io.eventorch.volumes";
}

public sealed record RuntimeContainer(string Id, string Name, IReadOnlyDictionary<string, string> Labels, ContainerState State);

public enum ContainerRunState
{
    Created,
    Running,
    Exited,
    Unknown,
}

public sealed record ContainerState(
    ContainerRunState State,
    int? ExitCode,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    bool OomKilled,
    string ImageId);

/// <summary>Present, or a Kubernetes-style reason ("ErrImagePull") with the engine's message.</summary>
public sealed record ImageResult(bool Present, string? Reason = null, string? Message = null)
{
    public static ImageResult Ok { get; } = new(true);
}

public sealed record PortMapping(int ContainerPort, int HostPort, string HostIp, string Protocol);

public sealed record SandboxSpec(
    string Name,
    string Hostname,
    string Image,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<PortMapping> Ports);

public sealed record Mount(string HostPath, string ContainerPath, bool ReadOnly);

public sealed record ContainerSpec(
    string Name,
    string SandboxId,
    string Image,
    IReadOnlyList<string>? Command,
    IReadOnlyList<string>? Args,
    IReadOnlyDictionary<string, string> Env,
    string? WorkingDir,
    IReadOnlyList<Mount> Mounts,
    long? NanoCpus,
    long? MemoryBytes,
    IReadOnlyDictionary<string, string> Labels);

public sealed record ExecResult(int ExitCode, string Output, bool TimedOut);

public sealed record LogOptions(bool Follow = false, int? TailLines = null, DateTimeOffset? Since = null, bool Timestamps = false);
