using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>ReplicationControllers (v1): one replica by default; as in Kubernetes, an empty selector defaults to the
/// template's labels, and so do the controller's own labels when it has none.</summary>
public sealed class ReplicationControllerDefinition : WorkloadDefinition<ReplicationController, ReplicationControllerSpec, ReplicaSetStatus>
{
    public override IObjectEvolver<ReplicationController> Evolver => ReplicationControllerEvolver.Instance;

    public override ReplicationController WithMetadata(ReplicationController obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override IReadOnlyList<FieldError> ValidateCreate(ReplicationController obj) => ReplicationControllerValidation.ValidateCreate(obj);

    public override IReadOnlyList<FieldError> ValidateUpdate(ReplicationController old, ReplicationController updated) =>
        ReplicationControllerValidation.ValidateUpdate(old, updated);

    public override IReadOnlyList<FieldError> ValidateStatus(ReplicationController updated) => ReplicaSetValidation.ValidateStatus(updated.Status);

    public override IObjectEvent Created(ReplicationController obj) => new ReplicationControllerCreated(obj);

    public override IObjectEvent Deleted(ReplicationController obj) =>
        new ReplicationControllerDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    protected override ReplicationControllerSpec SpecOf(ReplicationController obj) => obj.Spec;

    protected override ReplicaSetStatus? StatusOf(ReplicationController obj) => obj.Status;

    protected override ReplicationController With(ReplicationController obj, ReplicationControllerSpec spec, ReplicaSetStatus? status) =>
        obj with { Spec = spec, Status = status };

    protected override IObjectEvent MetadataChanged(string uid, string ns, string name, MetadataChanges changes) =>
        new ReplicationControllerMetadataChanged(uid, ns, name, changes);

    protected override IObjectEvent SpecChanged(string uid, string ns, string name, ReplicationControllerSpec spec) =>
        new ReplicationControllerSpecChanged(uid, ns, name, spec);

    protected override IObjectEvent StatusChanged(string uid, string ns, string name, ReplicaSetStatus status) =>
        new ReplicationControllerStatusChanged(uid, ns, name, status);

    protected override ReplicationController Defaults(ReplicationController rc)
    {
        var templateLabels = rc.Spec.Template?.Metadata?.Labels;
        return rc with
        {
            Metadata = rc.Metadata.Labels is { Count: > 0 } || templateLabels is not { Count: > 0 } ? rc.Metadata : rc.Metadata with { Labels = new(templateLabels) },
            Spec = rc.Spec with
            {
                Replicas = rc.Spec.Replicas ?? 1,
                MinReadySeconds = rc.Spec.MinReadySeconds ?? 0,
                Selector = rc.Spec.Selector is { Count: > 0 } || templateLabels is not { Count: > 0 } ? rc.Spec.Selector : new(templateLabels),
                Template = DefaultTemplate(rc.Spec.Template),
            },
        };
    }

    public override int DesiredReplicas(ReplicationController obj) => obj.Spec.Replicas ?? 1;

    public override ReplicationController WithDesiredReplicas(ReplicationController obj, int replicas) =>
        obj with { Spec = obj.Spec with { Replicas = replicas } };

    public override int CurrentReplicas(ReplicationController obj) => obj.Status?.Replicas ?? 0;

    public override string Selector(ReplicationController obj) => ReplicationControllerValidation.Selector(obj.Spec).ToString();
}
