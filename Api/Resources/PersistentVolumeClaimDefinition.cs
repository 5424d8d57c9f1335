using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;
using Marten;

namespace EventOrch.Api.Resources;

/// <summary>PersistentVolumeClaims (v1): volume mode Filesystem by default; a new claim starts Pending, carries the
/// pvc-protection finalizer, and one naming no class is given the default StorageClass when one is marked (Kubernetes'
/// DefaultStorageClass admission: the newest marked class, then by name). A bound claim's storage request may grow when
/// its class allows volume expansion (PersistentVolumeClaimResize admission). Its status belongs to the binder.</summary>
public sealed class PersistentVolumeClaimDefinition : SpecStatusDefinition<PersistentVolumeClaim, PersistentVolumeClaimSpec, PersistentVolumeClaimStatus>
{
    public const string CannotResize = "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize";

    public override IObjectEvolver<PersistentVolumeClaim> Evolver => PersistentVolumeClaimEvolver.Instance;

    public override IReadOnlyDictionary<string, Func<PersistentVolumeClaim, string?>> SelectableFields { get; } =
        new Dictionary<string, Func<PersistentVolumeClaim, string?>> { ["status.phase"] = c => c.Status?.Phase ?? "" };

    public override PersistentVolumeClaim WithMetadata(PersistentVolumeClaim obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override PersistentVolumeClaim PrepareForCreate(PersistentVolumeClaim obj)
    {
        var prepared = base.PrepareForCreate(obj);
        return prepared with
        {
            Metadata = prepared.Metadata.WithFinalizer(PersistentVolumes.PvcProtectionFinalizer),
            Status = new PersistentVolumeClaimStatus { Phase = PersistentVolumes.Pending },
        };
    }

    public override IReadOnlyList<FieldError> ValidateCreate(PersistentVolumeClaim obj) => PersistentVolumeClaimValidation.ValidateCreate(obj);

    public override IReadOnlyList<FieldError> ValidateUpdate(PersistentVolumeClaim old, PersistentVolumeClaim updated) =>
        PersistentVolumeClaimValidation.ValidateUpdate(old, updated);

    public override IReadOnlyList<FieldError> ValidateStatus(PersistentVolumeClaim updated) => PersistentVolumeClaimValidation.ValidateStatus(updated);

    public override IObjectEvent Created(PersistentVolumeClaim obj) => new PersistentVolumeClaimCreated(obj);

    public override IObjectEvent Deleted(PersistentVolumeClaim obj) =>
        new PersistentVolumeClaimDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    public override async Task<ApiResult<PersistentVolumeClaim>> BeforeWriteAsync(IDocumentSession session, PersistentVolumeClaim? old,
        PersistentVolumeClaim claim, CancellationToken cancellationToken)
    {
        if (old is not null)
        {
            // Kubernetes' PersistentVolumeClaimResize admission: a claim grows only when its class allows expansion.
            if (PersistentVolumeClaimValidation.CompareStorage(old.Spec, claim.Spec) > 0
                && (old.Spec.StorageClassName is not { Length: > 0 } className
                    || (await ObjectQueries<StorageClass>.FindAsync(session, "", className, cancellationToken))?.Object.AllowVolumeExpansion != true))
            {
                return ApiErrors.AdmissionForbidden(ResourceKind.PersistentVolumeClaim, claim.Metadata.Name!, CannotResize);
            }
            return claim;
        }
        if (claim.Spec.StorageClassName is not null) return claim;
        var classes = await session.Query<ObjectRecord<StorageClass>>().ToListAsync(cancellationToken);
        var chosen = classes.Select(r => r.Object).Where(StorageClasses.IsDefault)
            .OrderByDescending(c => c.Metadata.CreationTimestamp).ThenBy(c => c.Metadata.Name, StringComparer.Ordinal).FirstOrDefault();
        return chosen is null ? claim : claim with { Spec = claim.Spec with { StorageClassName = chosen.Metadata.Name } };
    }

    protected override PersistentVolumeClaimSpec SpecOf(PersistentVolumeClaim obj) => obj.Spec;

    protected override PersistentVolumeClaimStatus? StatusOf(PersistentVolumeClaim obj) => obj.Status;

    protected override PersistentVolumeClaim With(PersistentVolumeClaim obj, PersistentVolumeClaimSpec spec, PersistentVolumeClaimStatus? status) =>
        obj with { Spec = spec, Status = status };

    protected override IObjectEvent MetadataChanged(string uid, string ns, string name, MetadataChanges changes) =>
        new PersistentVolumeClaimMetadataChanged(uid, ns, name, changes);

    protected override IObjectEvent SpecChanged(string uid, string ns, string name, PersistentVolumeClaimSpec spec) =>
        new PersistentVolumeClaimSpecChanged(uid, ns, name, spec);

    protected override IObjectEvent StatusChanged(string uid, string ns, string name, PersistentVolumeClaimStatus status) =>
        new PersistentVolumeClaimStatusChanged(uid, ns, name, status);

    protected override PersistentVolumeClaim Defaults(PersistentVolumeClaim claim) => claim with { Spec = DefaultSpec(claim.Spec) };

    /// <summary>Kubernetes' SetDefaults_PersistentVolumeClaimSpec, for claims and for a StatefulSet's claim templates.</summary>
    public static PersistentVolumeClaimSpec DefaultSpec(PersistentVolumeClaimSpec spec) =>
        spec with { VolumeMode = spec.VolumeMode ?? PersistentVolumes.Filesystem };
}
