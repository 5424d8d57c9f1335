namespace EventOrch.Contracts.Model;

/// <summary>A node: a machine (real or simulated) whose agent runs pods.</summary>
public sealed record Node : IKubeObject
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "Node";
    public ObjectMeta Metadata { get; init; } = new();
    public NodeSpec Spec { get; init; } = new();
    public NodeStatus? Status { get; init; }
}

public sealed record NodeSpec
{
    public bool? Unschedulable { get; init; }
    public List<Taint>? Taints { get; init; }
    public string? ProviderID { get; init; }
}

public sealed record Taint
{
    public string Key { get; init; } = "";
    public string? Value { get; init; }
    public string Effect { get; init; } = "";
    public DateTimeOffset? TimeAdded { get; init; }
}

public sealed record NodeStatus
{
    /// <summary>Total resources of the node (cpu, memory, pods), as quantity strings.</summary>
    public Dictionary<string, string>? Capacity { get; init; }

    /// <summary>Resources available to pods, as quantity strings.</summary>
    public Dictionary<string, string>? Allocatable { get; init; }

    [PatchStrategy(PatchStrategies.Merge, MergeKey = "type")]
    public List<NodeCondition>? Conditions { get; init; }
    [PatchStrategy(PatchStrategies.Merge, MergeKey = "type")]
    public List<NodeAddress>? Addresses { get; init; }
    public NodeDaemonEndpoints? DaemonEndpoints { get; init; }
    public NodeSystemInfo? NodeInfo { get; init; }
    public string? Phase { get; init; }

    /// <summary>The attachable volumes the node's agent has set up for its pods, or is about to
    /// (<see cref="VolumeAttachments.InUseName"/>): the attach/detach controller does not detach them from a Ready node.</summary>
    public List<string>? VolumesInUse { get; init; }
}

public sealed record NodeCondition
{
    public string Type { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset? LastHeartbeatTime { get; init; }
    public DateTimeOffset? LastTransitionTime { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
}

public sealed record NodeAddress
{
    public string Type { get; init; } = "";
    public string Address { get; init; } = "";
}

public sealed record NodeDaemonEndpoints
{
    public DaemonEndpoint? KubeletEndpoint { get; init; }
}

public sealed record DaemonEndpoint
{
    public int Port { get; init; }
}

public sealed record NodeSystemInfo
{
    public string? MachineID { get; init; }
    public string? KernelVersion { get; init; }
    public string? OsImage { get; init; }
    public string? ContainerRuntimeVersion { get; init; }
    public string? KubeletVersion { get; init; }
    public string? KubeProxyVersion { get; init; }
    public string? OperatingSystem { get; init; }
    public string? Architecture { get; init; }
}

/// <summary>Well-known node names and values.</summary>
public static class NodeStatusExtensions
{
    /// <summary>Whether the node's Ready condition is True: its agent is posting ready status.</summary>
    public static bool IsReady(this Node node) =>
        node.Status?.Conditions?.Any(c => c.Type == NodeConditions.Ready && c.Status == ConditionStatuses.True) == true;
}

public static class NodeConditions
{
    public const string Ready = "Ready";
    public const string MemoryPressure = "MemoryPressure";
    public const string DiskPressure = "DiskPressure";
    public const string PidPressure = "PIDPressure";
}

public static class ConditionStatuses
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}

public static class TaintEffects
{
    public const string NoSchedule = "NoSchedule";
    public const string PreferNoSchedule = "PreferNoSchedule";
    public const string NoExecute = "NoExecute";
}

public static class WellKnownLabels
{
    public const string Hostname = "kubernetes.io/hostname";
    public const string Os = "kubernetes.io/os";
    public const string Arch = "kubernetes.io/arch";
    public const string Unschedulable = "node.kubernetes.io/unschedulable";
}
