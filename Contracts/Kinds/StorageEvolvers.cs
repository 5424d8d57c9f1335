using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Kinds;

/// <summary>Folds StorageClass events into the class's current state (no spec, no status, no generation).</summary>
public sealed class StorageClassEvolver : IObjectEvolver<StorageClass>
{
    public static StorageClassEvolver Instance { get; } = new();

    public ResourceKind Kind => ResourceKind.StorageClass;

    public IReadOnlyList<Type> EventTypes { get; } =
        [typeof(StorageClassCreated), typeof(StorageClassMetadataChanged), typeof(StorageClassSettingsChanged), typeof(StorageClassDeleted)];

    public StorageClass? Apply(StorageClass? current, IObjectEvent @event, EventPosition position) => @event switch
    {
        StorageClassCreated e => e.StorageClass with { Metadata = e.StorageClass.Metadata.At(position) },
        StorageClassDeleted => null,
        _ when current is null => null,
        StorageClassMetadataChanged e => current with { Metadata = current.Metadata.With(e.Changes).At(position) },
        StorageClassSettingsChanged e => current with
        {
            AllowVolumeExpansion = e.AllowVolumeExpansion, MountOptions = e.MountOptions, Metadata = current.Metadata.At(position),
        },
        _ => current,
    };
}

/// <summary>Folds PersistentVolume events: a spec and a status.</summary>
public static class PersistentVolumeEvolver
{
    public static SpecStatusEvolver<PersistentVolume, PersistentVolumeSpec, PersistentVolumeStatus> Instance { get; } = new(ResourceKind.PersistentVolume,
        [
            typeof(PersistentVolumeCreated), typeof(PersistentVolumeMetadataChanged), typeof(PersistentVolumeSpecChanged),
            typeof(PersistentVolumeStatusChanged), typeof(PersistentVolumeDeleted),
        ],
        (o, meta) => o with { Metadata = meta }, (o, spec) => o with { Spec = spec }, (o, status) => o with { Status = status });
}

/// <summary>Folds PersistentVolumeClaim events: a spec and a status.</summary>
public static class PersistentVolumeClaimEvolver
{
    public static SpecStatusEvolver<PersistentVolumeClaim, PersistentVolumeClaimSpec, PersistentVolumeClaimStatus> Instance { get; } = new(
        ResourceKind.PersistentVolumeClaim,
        [
            typeof(PersistentVolumeClaimCreated), typeof(PersistentVolumeClaimMetadataChanged), typeof(PersistentVolumeClaimSpecChanged),
            typeof(PersistentVolumeClaimStatusChanged), typeof(PersistentVolumeClaimDeleted),
        ],
        (o, meta) => o with { Metadata = meta }, (o, spec) => o with { Spec = spec }, (o, status) => o with { Status = status });
}

/// <summary>Folds VolumeAttachment events: a spec that never changes and a status.</summary>
public static class VolumeAttachmentEvolver
{
    public static SpecStatusEvolver<VolumeAttachment, VolumeAttachmentSpec, VolumeAttachmentStatus> Instance { get; } = new(ResourceKind.VolumeAttachment,
        [typeof(VolumeAttachmentCreated), typeof(VolumeAttachmentMetadataChanged), typeof(VolumeAttachmentStatusChanged), typeof(VolumeAttachmentDeleted)],
        (o, meta) => o with { Metadata = meta }, (o, spec) => o with { Spec = spec }, (o, status) => o with { Status = status });
}
