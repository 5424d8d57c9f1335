using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

// Storage: StorageClasses (storage.k8s.io/v1) and PersistentVolumes are cluster-scoped, so their events carry no
// namespace; PersistentVolumeClaims are namespaced.

/// <summary>A StorageClass was created, as stored (reclaimPolicy and volumeBindingMode defaulted).</summary>
public sealed record StorageClassCreated(StorageClass StorageClass) : ICreatedEvent<StorageClass>
{
    [JsonIgnore] public string Uid => StorageClass.Metadata.Uid!;
    [JsonIgnore] public string Namespace => "";
    [JsonIgnore] public string Name => StorageClass.Metadata.Name!;
    StorageClass ICreatedEvent<StorageClass>.Object => StorageClass;
}

/// <summary>A StorageClass's labels, annotations (the default-class mark among them), owner references or finalizers
/// changed, or its deletion began.</summary>
public sealed record StorageClassMetadataChanged(string Uid, string Name, MetadataChanges Changes) : IMetadataChangedEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A StorageClass's mutable settings changed: whether its volumes may grow, and the mount options given to the
/// volumes it provisions (both given whole). Its provisioner, parameters, reclaim policy and binding mode never change.</summary>
public sealed record StorageClassSettingsChanged(string Uid, string Name, bool? AllowVolumeExpansion, List<string>? MountOptions) : IObjectEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A StorageClass was deleted.</summary>
public sealed record StorageClassDeleted(string Uid, string Name) : IDeletedEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A PersistentVolume was created, as stored: defaulted, with the pv-protection finalizer and status phase Pending.</summary>
public sealed record PersistentVolumeCreated(PersistentVolume PersistentVolume) : ICreatedEvent<PersistentVolume>
{
    [JsonIgnore] public string Uid => PersistentVolume.Metadata.Uid!;
    [JsonIgnore] public string Namespace => "";
    [JsonIgnore] public string Name => PersistentVolume.Metadata.Name!;
    PersistentVolume ICreatedEvent<PersistentVolume>.Object => PersistentVolume;
}

/// <summary>A PersistentVolume's labels, annotations, owner references or finalizers changed, or its deletion began.</summary>
public sealed record PersistentVolumeMetadataChanged(string Uid, string Name, MetadataChanges Changes) : IMetadataChangedEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A PersistentVolume's spec changed (given whole): its claimRef (bound or released), capacity, access modes,
/// reclaim policy, class or mount options. Its source never changes.</summary>
public sealed record PersistentVolumeSpecChanged(string Uid, string Name, PersistentVolumeSpec Spec) : ISpecChangedEvent<PersistentVolumeSpec>
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A PersistentVolume's status (phase, message, reason) was replaced through its status subresource.</summary>
public sealed record PersistentVolumeStatusChanged(string Uid, string Name, PersistentVolumeStatus Status) : IStatusChangedEvent<PersistentVolumeStatus>
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A PersistentVolume was deleted (its finalizers, if any, were gone).</summary>
public sealed record PersistentVolumeDeleted(string Uid, string Name) : IDeletedEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A PersistentVolumeClaim was created, as stored: defaulted (the default StorageClass when it named none),
/// with the pvc-protection finalizer and status phase Pending.</summary>
public sealed record PersistentVolumeClaimCreated(PersistentVolumeClaim PersistentVolumeClaim) : ICreatedEvent<PersistentVolumeClaim>
{
    [JsonIgnore] public string Uid => PersistentVolumeClaim.Metadata.Uid!;
    [JsonIgnore] public string Namespace => PersistentVolumeClaim.Metadata.Namespace!;
    [JsonIgnore] public string Name => PersistentVolumeClaim.Metadata.Name!;
    PersistentVolumeClaim ICreatedEvent<PersistentVolumeClaim>.Object => PersistentVolumeClaim;
}

/// <summary>A PersistentVolumeClaim's labels, annotations, owner references or finalizers changed, or its deletion began.</summary>
public sealed record PersistentVolumeClaimMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IMetadataChangedEvent;

/// <summary>A PersistentVolumeClaim's spec changed (given whole): its volumeName set (bound), or its storage request grown.</summary>
public sealed record PersistentVolumeClaimSpecChanged(string Uid, string Namespace, string Name, PersistentVolumeClaimSpec Spec)
    : ISpecChangedEvent<PersistentVolumeClaimSpec>;

/// <summary>A PersistentVolumeClaim's status (phase, access modes, capacity, conditions) was replaced through its status
/// subresource.</summary>
public sealed record PersistentVolumeClaimStatusChanged(string Uid, string Namespace, string Name, PersistentVolumeClaimStatus Status)
    : IStatusChangedEvent<PersistentVolumeClaimStatus>;

/// <summary>A PersistentVolumeClaim was deleted (its finalizers, if any, were gone).</summary>
public sealed record PersistentVolumeClaimDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;

/// <summary>A VolumeAttachment was created, as stored (status empty: the attacher reports through /status).</summary>
public sealed record VolumeAttachmentCreated(VolumeAttachment VolumeAttachment) : ICreatedEvent<VolumeAttachment>
{
    [JsonIgnore] public string Uid => VolumeAttachment.Metadata.Uid!;
    [JsonIgnore] public string Namespace => "";
    [JsonIgnore] public string Name => VolumeAttachment.Metadata.Name!;
    VolumeAttachment ICreatedEvent<VolumeAttachment>.Object => VolumeAttachment;
}

/// <summary>A VolumeAttachment's labels, annotations, owner references or finalizers changed, or its deletion began.</summary>
public sealed record VolumeAttachmentMetadataChanged(string Uid, string Name, MetadataChanges Changes) : IMetadataChangedEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A VolumeAttachment's status was replaced through its status subresource: the volume became attached to the
/// node (or not, with the attach error saying why, such as another node holding a ReadWriteOnce volume).</summary>
public sealed record VolumeAttachmentStatusChanged(string Uid, string Name, VolumeAttachmentStatus Status) : IStatusChangedEvent<VolumeAttachmentStatus>
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A VolumeAttachment was deleted: the volume is detached from the node.</summary>
public sealed record VolumeAttachmentDeleted(string Uid, string Name) : IDeletedEvent
{
    [JsonIgnore] public string Namespace => "";
}
