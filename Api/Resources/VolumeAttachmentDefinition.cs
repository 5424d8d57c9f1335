using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>VolumeAttachments (storage.k8s.io/v1, cluster-scoped): made and deleted by the attach/detach controller;
/// the spec never changes, and whether the volume is attached goes through /status.</summary>
public sealed class VolumeAttachmentDefinition : SpecStatusDefinition<VolumeAttachment, VolumeAttachmentSpec, VolumeAttachmentStatus>
{
    public override IObjectEvolver<VolumeAttachment> Evolver => VolumeAttachmentEvolver.Instance;

    public override VolumeAttachment WithMetadata(VolumeAttachment obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override IReadOnlyList<FieldError> ValidateCreate(VolumeAttachment obj) => VolumeAttachmentValidation.ValidateCreate(obj);

    public override IReadOnlyList<FieldError> ValidateUpdate(VolumeAttachment old, VolumeAttachment updated) => VolumeAttachmentValidation.ValidateUpdate(old, updated);

    public override IReadOnlyList<FieldError> ValidateStatus(VolumeAttachment updated) => VolumeAttachmentValidation.ValidateStatus(updated);

    public override IObjectEvent Created(VolumeAttachment obj) => new VolumeAttachmentCreated(obj);

    public override IObjectEvent Deleted(VolumeAttachment obj) => new VolumeAttachmentDeleted(obj.Metadata.Uid!, obj.Metadata.Name!);

    protected override VolumeAttachmentSpec SpecOf(VolumeAttachment obj) => obj.Spec;

    protected override VolumeAttachmentStatus? StatusOf(VolumeAttachment obj) => obj.Status;

    protected override VolumeAttachment With(VolumeAttachment obj, VolumeAttachmentSpec spec, VolumeAttachmentStatus? status) => obj with { Spec = spec, Status = status };

    protected override IObjectEvent MetadataChanged(string uid, string ns, string name, MetadataChanges changes) => new VolumeAttachmentMetadataChanged(uid, name, changes);

    // Validation refuses any change of the spec, so no update reaches here with one.
    protected override IObjectEvent SpecChanged(string uid, string ns, string name, VolumeAttachmentSpec spec) =>
        throw new InvalidOperationException("A VolumeAttachment's spec is immutable.");

    protected override IObjectEvent StatusChanged(string uid, string ns, string name, VolumeAttachmentStatus status) =>
        new VolumeAttachmentStatusChanged(uid, name, status);

    protected override VolumeAttachment Defaults(VolumeAttachment attachment) => attachment;
}
