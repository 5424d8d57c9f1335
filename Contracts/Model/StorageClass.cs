namespace EventOrch.Contracts.Model;

/// <summary>storage.k8s.io/v1 StorageClass: a class of storage, the provisioner that makes its volumes and how they are
/// bound and reclaimed. Cluster-scoped, and no spec: its fields sit at the top level, as in Kubernetes.</summary>
public sealed record StorageClass : IKubeObject
{
    public string ApiVersion { get; init; } = "storage.k8s.io/v1";
    public string Kind { get; init; } = "StorageClass";
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>Who provisions the class's volumes (EventOrch's: <c>eventorch.io/local</c>, <c>eventorch.io/shared</c>).</summary>
    public string Provisioner { get; init; } = "";
    public Dictionary<string, string>? Parameters { get; init; }

    /// <summary>Delete (the default) or Retain, given to the volumes the class provisions.</summary>
    public string? ReclaimPolicy { get; init; }
    public List<string>? MountOptions { get; init; }
    public bool? AllowVolumeExpansion { get; init; }

    /// <summary>Immediate (the default) or WaitForFirstConsumer.</summary>
    public string? VolumeBindingMode { get; init; }
}

/// <summary>Names and values of the storage kinds, as Kubernetes spells them.</summary>
public static class StorageClasses
{
    /// <summary>Marks the class a claim with no storageClassName is given (value "true").</summary>
    public const string IsDefaultClassAnnotation = "storageclass.kubernetes.io/is-default-class";
    /// <summary>The beta spelling of <see cref="IsDefaultClassAnnotation"/>, which Kubernetes still honours.</summary>
    public const string BetaIsDefaultClassAnnotation = "storageclass.beta.kubernetes.io/is-default-class";

    /// <summary>EventOrch's provisioners: a Docker volume on one node (its volumes pinned there by node affinity), and
    /// a directory under the shared root every node mounts.</summary>
    public const string LocalProvisioner = "eventorch.io/local";
    public const string SharedProvisioner = "eventorch.io/shared";

    public const string ReclaimDelete = "Delete";
    public const string ReclaimRetain = "Retain";
    public const string ReclaimRecycle = "Recycle";
    public const string BindingImmediate = "Immediate";
    public const string BindingWaitForFirstConsumer = "WaitForFirstConsumer";

    public static readonly string[] ClassReclaimPolicies = [ReclaimDelete, ReclaimRetain];
    public static readonly string[] BindingModes = [BindingImmediate, BindingWaitForFirstConsumer];

    public static bool IsDefault(StorageClass storageClass) =>
        storageClass.Metadata.Annotations is { } annotations
        && (annotations.GetValueOrDefault(IsDefaultClassAnnotation) == "true" || annotations.GetValueOrDefault(BetaIsDefaultClassAnnotation) == "true");
}
