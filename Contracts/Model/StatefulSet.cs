namespace EventOrch.Contracts.Model;

/// <summary>apps/v1 StatefulSet: pods with stable names (<c>{name}-{ordinal}</c>), stable network identities through a
/// headless Service, and a PersistentVolumeClaim per pod from each volume claim template.</summary>
public sealed record StatefulSet : IKubeObject
{
    public string ApiVersion { get; init; } = "apps/v1";
    public string Kind { get; init; } = "StatefulSet";
    public ObjectMeta Metadata { get; init; } = new();
    public StatefulSetSpec Spec { get; init; } = new();
    public StatefulSetStatus? Status { get; init; }
}

public sealed record StatefulSetSpec
{
    public int? Replicas { get; init; }
    public LabelSelectorSpec? Selector { get; init; }
    public PodTemplateSpec? Template { get; init; }
    public List<PersistentVolumeClaim>? VolumeClaimTemplates { get; init; }
    /// <summary>The headless Service that gives the pods their DNS names.</summary>
    public string? ServiceName { get; init; }
    /// <summary>OrderedReady (the default) or Parallel.</summary>
    public string? PodManagementPolicy { get; init; }
    public StatefulSetUpdateStrategy? UpdateStrategy { get; init; }
    public int? RevisionHistoryLimit { get; init; }
    public int? MinReadySeconds { get; init; }
    public StatefulSetPersistentVolumeClaimRetentionPolicy? PersistentVolumeClaimRetentionPolicy { get; init; }
    public StatefulSetOrdinals? Ordinals { get; init; }
}

public sealed record StatefulSetUpdateStrategy
{
    /// <summary>RollingUpdate (the default) or OnDelete.</summary>
    public string? Type { get; init; }
    public RollingUpdateStatefulSetStrategy? RollingUpdate { get; init; }
}

public sealed record RollingUpdateStatefulSetStrategy
{
    /// <summary>Only pods with an ordinal at or above the partition are updated.</summary>
    public int? Partition { get; init; }
    /// <summary>How many pods may be unavailable during the update: a number, or a percentage of the replicas.</summary>
    public IntOrString? MaxUnavailable { get; init; }
}

public sealed record StatefulSetPersistentVolumeClaimRetentionPolicy
{
    /// <summary>What happens to the claims when the StatefulSet is deleted: Retain (the default) or Delete.</summary>
    public string? WhenDeleted { get; init; }
    /// <summary>What happens to a claim when its pod is scaled away: Retain (the default) or Delete.</summary>
    public string? WhenScaled { get; init; }
}

public sealed record StatefulSetOrdinals
{
    /// <summary>The ordinal of the first replica (0 by default).</summary>
    public int? Start { get; init; }
}

public sealed record StatefulSetStatus
{
    public long? ObservedGeneration { get; init; }
    public int? Replicas { get; init; }
    public int? ReadyReplicas { get; init; }
    public int? CurrentReplicas { get; init; }
    public int? UpdatedReplicas { get; init; }
    public int? AvailableReplicas { get; init; }
    public string? CurrentRevision { get; init; }
    public string? UpdateRevision { get; init; }
    public int? CollisionCount { get; init; }
    [PatchStrategy(PatchStrategies.Merge, MergeKey = "type")]
    public List<StatefulSetCondition>? Conditions { get; init; }
}

public sealed record StatefulSetCondition
{
    public string Type { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset? LastTransitionTime { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
}

/// <summary>The values Kubernetes allows in a StatefulSet's enumerated fields.</summary>
public static class StatefulSetConventions
{
    public const string OrderedReady = "OrderedReady";
    public const string Parallel = "Parallel";
    public const string RollingUpdate = "RollingUpdate";
    public const string OnDelete = "OnDelete";
    public const string Retain = "Retain";
    public const string Delete = "Delete";
}
