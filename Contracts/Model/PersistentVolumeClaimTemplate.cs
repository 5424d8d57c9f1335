namespace EventOrch.Contracts.Model;

/// <summary>A PersistentVolumeClaim as a StatefulSet's <c>volumeClaimTemplates</c> carry it: the claim each replica
/// gets, named <c>{template}-{statefulset}-{ordinal}</c>. Only the fields a template needs; these records are meant to
/// give way to the PersistentVolumeClaim kind's own (PersistentVolumeClaim, PersistentVolumeClaimSpec,
/// VolumeResourceRequirements) once both exist.</summary>
public sealed record PersistentVolumeClaimTemplate
{
    /// <summary>Set to v1 on write, as Kubernetes shows an embedded claim.</summary>
    public string? ApiVersion { get; init; }
    /// <summary>Set to PersistentVolumeClaim on write.</summary>
    public string? Kind { get; init; }
    public ObjectMeta Metadata { get; init; } = new();
    public PersistentVolumeClaimTemplateSpec Spec { get; init; } = new();
}

/// <summary>The claim's spec: how it may be mounted, how much storage, from which class.</summary>
public sealed record PersistentVolumeClaimTemplateSpec
{
    /// <summary>ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.</summary>
    public List<string>? AccessModes { get; init; }
    public PersistentVolumeClaimTemplateResources? Resources { get; init; }
    /// <summary>The StorageClass to provision from; "" asks for no class, absent for the default class.</summary>
    public string? StorageClassName { get; init; }
    /// <summary>Filesystem (the default) or Block.</summary>
    public string? VolumeMode { get; init; }
    /// <summary>An existing PersistentVolume to bind to.</summary>
    public string? VolumeName { get; init; }
}

/// <summary>Kubernetes' VolumeResourceRequirements: <c>requests.storage</c> is the size asked for.</summary>
public sealed record PersistentVolumeClaimTemplateResources
{
    public Dictionary<string, string>? Requests { get; init; }
    public Dictionary<string, string>? Limits { get; init; }
}
