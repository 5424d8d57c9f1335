namespace EventOrch.Contracts.Model;

/// <summary>v1 PersistentVolume: a piece of storage in the cluster (a host path, or a local directory pinned to nodes),
/// its capacity and access modes, and the claim bound to it. Cluster-scoped.</summary>
public sealed record PersistentVolume : IKubeObject
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "PersistentVolume";
    public ObjectMeta Metadata { get; init; } = new();
    public PersistentVolumeSpec Spec { get; init; } = new();
    public PersistentVolumeStatus? Status { get; init; }
}

public sealed record PersistentVolumeSpec
{
    /// <summary>Only <c>storage</c>, as a quantity.</summary>
    public Dictionary<string, string>? Capacity { get; init; }
    public List<string>? AccessModes { get; init; }

    /// <summary>The claim this volume is bound to (or reserved for).</summary>
    public ObjectReference? ClaimRef { get; init; }

    /// <summary>Retain (the default), Delete or Recycle.</summary>
    public string? PersistentVolumeReclaimPolicy { get; init; }
    public string? StorageClassName { get; init; }
    public List<string>? MountOptions { get; init; }

    /// <summary>Filesystem (the default) or Block.</summary>
    public string? VolumeMode { get; init; }

    /// <summary>The nodes the volume can be reached from; required for a local volume.</summary>
    public VolumeNodeAffinity? NodeAffinity { get; init; }

    // The volume's source: exactly one.
    public HostPathVolumeSource? HostPath { get; init; }
    public LocalVolumeSource? Local { get; init; }
}

public sealed record VolumeNodeAffinity
{
    public NodeSelector? Required { get; init; }
}

/// <summary>A directory (or device) on the nodes the volume's node affinity names.</summary>
public sealed record LocalVolumeSource
{
    public string Path { get; init; } = "";
    public string? FsType { get; init; }
}

public sealed record PersistentVolumeStatus
{
    /// <summary>Pending, Available, Bound, Released or Failed.</summary>
    public string? Phase { get; init; }
    public string? Message { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset? LastPhaseTransitionTime { get; init; }
}

/// <summary>Access modes, volume modes and phases of volumes and claims, and the protection finalizers.</summary>
public static class PersistentVolumes
{
    public const string ReadWriteOnce = "ReadWriteOnce";
    public const string ReadOnlyMany = "ReadOnlyMany";
    public const string ReadWriteMany = "ReadWriteMany";
    public const string ReadWriteOncePod = "ReadWriteOncePod";
    public static readonly string[] AccessModes = [ReadOnlyMany, ReadWriteMany, ReadWriteOnce, ReadWriteOncePod];

    public const string Filesystem = "Filesystem";
    public const string Block = "Block";
    public static readonly string[] VolumeModes = [Block, Filesystem];

    public const string Pending = "Pending";
    public const string Available = "Available";
    public const string Bound = "Bound";
    public const string Released = "Released";
    public const string Failed = "Failed";
    public const string Lost = "Lost";
    public static readonly string[] VolumePhases = [Available, Bound, Failed, Pending, Released];
    public static readonly string[] ClaimPhases = [Bound, Lost, Pending];

    public static readonly string[] VolumeReclaimPolicies = [StorageClasses.ReclaimDelete, StorageClasses.ReclaimRecycle, StorageClasses.ReclaimRetain];

    /// <summary>Kept on a volume while a claim is bound to it (Kubernetes' StorageObjectInUseProtection).</summary>
    public const string PvProtectionFinalizer = "kubernetes.io/pv-protection";
    /// <summary>Kept on a claim while a pod uses it.</summary>
    public const string PvcProtectionFinalizer = "kubernetes.io/pvc-protection";

    /// <summary>On a claim of a WaitForFirstConsumer class: the node the scheduler chose for its first pod, where the
    /// volume is to be provisioned.</summary>
    public const string SelectedNodeAnnotation = "volume.kubernetes.io/selected-node";

    /// <summary>On a claim the binder hands to a provisioner: that provisioner's name.</summary>
    public const string StorageProvisionerAnnotation = "volume.kubernetes.io/storage-provisioner";

    /// <summary>On a volume a provisioner made: the provisioner's name (its Delete reclaim is that provisioner's).</summary>
    public const string ProvisionedByAnnotation = "pv.kubernetes.io/provisioned-by";

    /// <summary>On a claim and a volume the binder bound ("yes"), and on whichever side it bound rather than the user.</summary>
    public const string BindCompletedAnnotation = "pv.kubernetes.io/bind-completed";
    public const string BoundByControllerAnnotation = "pv.kubernetes.io/bound-by-controller";

    /// <summary>Whether a volume with these access modes may be attached to one node only: ReadWriteOnce (or
    /// ReadWriteOncePod) without a mode that allows many readers or writers.</summary>
    public static bool IsSingleNode(IReadOnlyList<string>? modes) =>
        modes is { Count: > 0 } && !modes.Contains(ReadOnlyMany) && !modes.Contains(ReadWriteMany);

    /// <summary>Whether the volume's claimRef names this claim (by namespace and name, and by uid when it has one).</summary>
    public static bool IsPreBoundTo(PersistentVolume volume, PersistentVolumeClaim claim) =>
        volume.Spec.ClaimRef is { } reference
        && reference.Name == claim.Metadata.Name && reference.Namespace == claim.Metadata.Namespace
        && (string.IsNullOrEmpty(reference.Uid) || reference.Uid == claim.Metadata.Uid);

    /// <summary>Whether the volume and the claim are bound to each other: its claimRef names the claim and the claim's
    /// volumeName names it.</summary>
    public static bool AreBound(PersistentVolume volume, PersistentVolumeClaim claim) =>
        claim.Spec.VolumeName == volume.Metadata.Name && IsPreBoundTo(volume, claim);

    /// <summary>The claims a pod's persistentVolumeClaim volumes name, each once.</summary>
    public static IEnumerable<string> ClaimsOf(Pod pod) =>
        (pod.Spec.Volumes ?? []).Select(v => v.PersistentVolumeClaim?.ClaimName).OfType<string>().Distinct(StringComparer.Ordinal);

    /// <summary>Whether the pod holds the claim: it names it and has not finished (Succeeded or Failed). A pod being
    /// deleted still holds it: its containers may still run.</summary>
    public static bool HoldsClaim(Pod pod, string claim) =>
        pod.Status?.Phase is not (PodPhases.Succeeded or PodPhases.Failed) && ClaimsOf(pod).Contains(claim);

    /// <summary>Access modes as kubectl abbreviates them (RWO,ROX,RWX,RWOP), in that order whatever the order given.</summary>
    public static string Abbreviated(IReadOnlyList<string>? modes)
    {
        if (modes is null) return "";
        var parts = new List<string>();
        foreach (var (mode, abbreviation) in new[] { (ReadWriteOnce, "RWO"), (ReadOnlyMany, "ROX"), (ReadWriteMany, "RWX"), (ReadWriteOncePod, "RWOP") })
            if (modes.Contains(mode)) parts.Add(abbreviation);
        return string.Join(",", parts);
    }
}
