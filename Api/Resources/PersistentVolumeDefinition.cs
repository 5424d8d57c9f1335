using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>PersistentVolumes (v1, cluster-scoped): reclaim policy Retain and volume mode Filesystem by default; a new
/// volume starts Pending and carries the pv-protection finalizer (Kubernetes' StorageObjectInUseProtection admission);
/// its status belongs to the binder and goes through /status.</summary>
public sealed class PersistentVolumeDefinition : SpecStatusDefinition<PersistentVolume, PersistentVolumeSpec, PersistentVolumeStatus>
{
    public override IObjectEvolver<PersistentVolume> Evolver => PersistentVolumeEvolver.Instance;

    public override IReadOnlyDictionary<string, Func<PersistentVolume, string?>> SelectableFields { get; } =
        new Dictionary<string, Func<PersistentVolume, string?>> { ["status.phase"] = v => v.Status?.Phase ?? "" };

    public override PersistentVolume WithMetadata(PersistentVolume obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override PersistentVolume PrepareForCreate(PersistentVolume obj)
    {
        var prepared = base.PrepareForCreate(obj);
        return prepared with
        {
            Metadata = prepared.Metadata.WithFinalizer(PersistentVolumes.PvProtectionFinalizer),
            Status = new PersistentVolumeStatus { Phase = PersistentVolumes.Pending },
        };
    }

    public override IReadOnlyList<FieldError> ValidateCreate(PersistentVolume obj) => PersistentVolumeValidation.ValidateCreate(obj);

    public override IReadOnlyList<FieldError> ValidateUpdate(PersistentVolume old, PersistentVolume updated) => PersistentVolumeValidation.ValidateUpdate(old, updated);

    public override IReadOnlyList<FieldError> ValidateStatus(PersistentVolume updated) => PersistentVolumeValidation.ValidateStatus(updated);

    public override IObjectEvent Created(PersistentVolume obj) => new PersistentVolumeCreated(obj);

    public override IObjectEvent Deleted(PersistentVolume obj) => new PersistentVolumeDeleted(obj.Metadata.Uid!, obj.Metadata.Name!);

    protected override PersistentVolumeSpec SpecOf(PersistentVolume obj) => obj.Spec;

    protected override PersistentVolumeStatus? StatusOf(PersistentVolume obj) => obj.Status;

    protected override PersistentVolume With(PersistentVolume obj, PersistentVolumeSpec spec, PersistentVolumeStatus? status) => obj with { Spec = spec, Status = status };

    protected override IObjectEvent MetadataChanged(string uid, string ns, string name, MetadataChanges changes) => new PersistentVolumeMetadataChanged(uid, name, changes);

    protected override IObjectEvent SpecChanged(string uid, string ns, string name, PersistentVolumeSpec spec) => new PersistentVolumeSpecChanged(uid, name, spec);

    protected override IObjectEvent StatusChanged(string uid, string ns, string name, PersistentVolumeStatus status) =>
        new PersistentVolumeStatusChanged(uid, name, status);

    // Kubernetes' SetDefaults_PersistentVolume and SetDefaults_HostPathVolumeSource.
    protected override PersistentVolume Defaults(PersistentVolume volume) => volume with
    {
        Spec = volume.Spec with
        {
            PersistentVolumeReclaimPolicy = volume.Spec.PersistentVolumeReclaimPolicy ?? StorageClasses.ReclaimRetain,
            VolumeMode = volume.Spec.VolumeMode ?? PersistentVolumes.Filesystem,
            HostPath = volume.Spec.HostPath is { Type: null } hostPath ? hostPath with { Type = "" } : volume.Spec.HostPath,
        },
    };
}
