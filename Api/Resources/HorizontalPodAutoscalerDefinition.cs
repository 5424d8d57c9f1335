using EventOrch.Contracts.Defaulting;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>HorizontalPodAutoscalers, stored as autoscaling/v2 with Kubernetes' v2 defaults; autoscaling/v1 is served
/// as a view of the same objects (<see cref="Versions.HorizontalPodAutoscalerV1View"/>). The status belongs to the
/// autoscaler in Controllers.</summary>
public sealed class HorizontalPodAutoscalerDefinition
    : SpecStatusDefinition<HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec, HorizontalPodAutoscalerStatus>
{
    public override IObjectEvolver<HorizontalPodAutoscaler> Evolver => HorizontalPodAutoscalerEvolver.Instance;

    public override HorizontalPodAutoscaler WithMetadata(HorizontalPodAutoscaler obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override IReadOnlyList<FieldError> ValidateCreate(HorizontalPodAutoscaler obj) => HorizontalPodAutoscalerValidation.ValidateCreate(obj);

    public override IReadOnlyList<FieldError> ValidateUpdate(HorizontalPodAutoscaler old, HorizontalPodAutoscaler updated) =>
        HorizontalPodAutoscalerValidation.ValidateUpdate(old, updated);

    public override IReadOnlyList<FieldError> ValidateStatus(HorizontalPodAutoscaler updated) =>
        HorizontalPodAutoscalerValidation.ValidateStatus(updated.Status);

    public override IObjectEvent Created(HorizontalPodAutoscaler obj) => new HorizontalPodAutoscalerCreated(obj);

    public override IObjectEvent Deleted(HorizontalPodAutoscaler obj) =>
        new HorizontalPodAutoscalerDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    protected override HorizontalPodAutoscalerSpec SpecOf(HorizontalPodAutoscaler obj) => obj.Spec;

    protected override HorizontalPodAutoscalerStatus? StatusOf(HorizontalPodAutoscaler obj) => obj.Status;

    protected override HorizontalPodAutoscaler With(HorizontalPodAutoscaler obj, HorizontalPodAutoscalerSpec spec, HorizontalPodAutoscalerStatus? status) =>
        obj with { Spec = spec, Status = status };

    protected override IObjectEvent MetadataChanged(string uid, string ns, string name, MetadataChanges changes) =>
        new HorizontalPodAutoscalerMetadataChanged(uid, ns, name, changes);

    protected override IObjectEvent SpecChanged(string uid, string ns, string name, HorizontalPodAutoscalerSpec spec) =>
        new HorizontalPodAutoscalerSpecChanged(uid, ns, name, spec);

    protected override IObjectEvent StatusChanged(string uid, string ns, string name, HorizontalPodAutoscalerStatus status) =>
        new HorizontalPodAutoscalerStatusChanged(uid, ns, name, status);

    protected override HorizontalPodAutoscaler Defaults(HorizontalPodAutoscaler hpa) => HorizontalPodAutoscalerDefaults.Apply(hpa);
}
