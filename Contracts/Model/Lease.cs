namespace EventOrch.Contracts.Model;

/// <summary>A lease (coordination.k8s.io/v1): node heartbeats and leader election. Leases change every few
/// seconds and are not events: the Api keeps them in a plain table with optimistic concurrency.</summary>
public sealed record Lease : IKubeObject
{
    public string ApiVersion { get; init; } = "coordination.k8s.io/v1";
    public string Kind { get; init; } = "Lease";
    public ObjectMeta Metadata { get; init; } = new();
    public LeaseSpec Spec { get; init; } = new();
}

public sealed record LeaseSpec
{
    public string? HolderIdentity { get; init; }
    public int? LeaseDurationSeconds { get; init; }
    public DateTimeOffset? AcquireTime { get; init; }
    public DateTimeOffset? RenewTime { get; init; }
    public int? LeaseTransitions { get; init; }
}

/// <summary>Namespaces the system keeps its leases in.</summary>
public static class SystemNamespaces
{
    public const string Default = "default";
    public const string KubeSystem = "kube-system";
    public const string NodeLease = "kube-node-lease";
}
