namespace EventOrch.Contracts.Model;

/// <summary>v1 PersistentVolumeClaim: a namespace's request for storage of a size, access modes and class, and the
/// volume it is bound to.</summary>
public sealed record PersistentVolumeClaim : IKubeObject
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "PersistentVolumeClaim";
    public ObjectMeta Metadata { get; init; } = new();
    public PersistentVolumeClaimSpec Spec { get; init; } = new();
    public PersistentVolumeClaimStatus? Status { get; init; }
}

public sealed record PersistentVolumeClaimSpec
{
    public List<string>? AccessModes { get; init; }

    /// <summary>Which volumes may be bound to the claim, by their labels.</summary>
    public LabelSelectorSpec? Selector { get; init; }
    /// <summary>The size asked for, <c>requests.storage</c> (Kubernetes' VolumeResourceRequirements: the same two maps).</summary>
    public ResourceRequirements? Resources { get; init; }

    /// <summary>The volume bound to the claim: set once, by the binder or by the claim's author.</summary>
    public string? VolumeName { get; init; }

    /// <summary>The class asked for; "" asks for a volume of no class, none is given the default class if one exists.</summary>
    public string? StorageClassName { get; init; }
    public string? VolumeMode { get; init; }
}

public sealed record PersistentVolumeClaimStatus
{
    /// <summary>Pending, Bound or Lost.</summary>
    public string? Phase { get; init; }
    public List<string>? AccessModes { get; init; }
    public Dictionary<string, string>? Capacity { get; init; }

    [PatchStrategy(PatchStrategies.Merge, MergeKey = "type")]
    public List<PersistentVolumeClaimCondition>? Conditions { get; init; }
}

public sealed record PersistentVolumeClaimCondition
{
    public string Type { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset? LastProbeTime { get; init; }
    public DateTimeOffset? LastTransitionTime { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
}
