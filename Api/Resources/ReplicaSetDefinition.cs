using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>ReplicaSets (apps/v1): one replica by default; the status belongs to the replica set controller.</summary>
public sealed class ReplicaSetDefinition : WorkloadDefinition<ReplicaSet, ReplicaSetSpec, ReplicaSetStatus>
{
    public override IObjectEvolver<ReplicaSet> Evolver => ReplicaSetEvolver.Instance;

    public override ReplicaSet WithMetadata(ReplicaSet obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override IReadOnlyList<FieldError> ValidateCreate(ReplicaSet obj) => ReplicaSetValidation.ValidateCreate(obj);

    public override IReadOnlyList<FieldError> ValidateUpdate(ReplicaSet old, ReplicaSet updated) => ReplicaSetValidation.ValidateUpdate(old, updated);

    public override IReadOnlyList<FieldError> ValidateStatus(ReplicaSet updated) => ReplicaSetValidation.ValidateStatus(updated.Status);

    public override IObjectEvent Created(ReplicaSet obj) => new ReplicaSetCreated(obj);

    public override IObjectEvent Deleted(ReplicaSet obj) => new ReplicaSetDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    protected override ReplicaSetSpec SpecOf(ReplicaSet obj) => obj.Spec;

    protected override ReplicaSetStatus? StatusOf(ReplicaSet obj) => obj.Status;

    protected override ReplicaSet With(ReplicaSet obj, ReplicaSetSpec spec, ReplicaSetStatus? status) => obj with { Spec = spec, Status = status };

    protected override IObjectEvent MetadataChanged(string uid, string ns, string name, MetadataChanges changes) =>
        new ReplicaSetMetadataChanged(uid, ns, name, changes);

    protected override IObjectEvent SpecChanged(string uid, string ns, string name, ReplicaSetSpec spec) => new ReplicaSetSpecChanged(uid, ns, name, spec);

    protected override IObjectEvent StatusChanged(string uid, string ns, string name, ReplicaSetStatus status) =>
        new ReplicaSetStatusChanged(uid, ns, name, status);

    protected override ReplicaSet Defaults(ReplicaSet rs) => rs with
    {
        Spec = rs.Spec with { Replicas = rs.Spec.Replicas ?? 1, MinReadySeconds = rs.Spec.MinReadySeconds ?? 0, Template = DefaultTemplate(rs.Spec.Template) },
    };

    public override int DesiredReplicas(ReplicaSet obj) => obj.Spec.Replicas ?? 1;

    public override ReplicaSet WithDesiredReplicas(ReplicaSet obj, int replicas) => obj with { Spec = obj.Spec with { Replicas = replicas } };

    public override int CurrentReplicas(ReplicaSet obj) => obj.Status?.Replicas ?? 0;

    public override string Selector(ReplicaSet obj) => Describe(obj.Spec.Selector);
}
