namespace EventOrch.NodeAgent.Pods;

/// <summary>How the agent runs pods (configuration section "Pods").</summary>
public sealed class PodAgentOptions
{
    public const string Section = "Pods";

    /// <summary>The image of every pod's sandbox container.</summary>
    public string SandboxImage { get; set; } = "eventorch/busybox:latest";

    /// <summary>Where emptyDir volumes live on the node, one folder per pod uid.</summary>
    public string DataRoot { get; set; } = Path.Combine(Path.GetTempPath(), "eventorch-pods");

    /// <summary>Host ports the agent allocates for container ports that ask for no hostPort.</summary>
    public int AllocatedPortsFrom { get; set; } = 40000;
    public int AllocatedPortsTo { get; set; } = 44999;

    /// <summary>A crashing container's first restart delay; it doubles up to <see cref="MaxRestartBackoff"/> (Kubernetes: 10 s, 5 min).</summary>
    public TimeSpan RestartBackoff { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxRestartBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often every pod is looked at again even when nothing was published about it.</summary>
    public TimeSpan ResyncPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a Secret read through the Api is used before it is read again, even when no Secret event said
    /// it changed (one may have been missed while the agent's queue was away).</summary>
    public TimeSpan SecretCacheTtl { get; set; } = TimeSpan.FromMinutes(1);
}
