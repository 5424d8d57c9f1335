using EventOrch.Contracts.Defaulting;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>ReplicaSets (apps/v1): one replica by default, the template's pod spec defaulted as a pod's would be;
/// the status belongs to the replica set controller and goes through /status.</summary>
public sealed class ReplicaSetDefinition : ResourceDefinition<ReplicaSet>, IScalable<ReplicaSet>
{
    public override IObjectEvolver<ReplicaSet> Evolver => ReplicaSetEvolver.Instance;

    public override ReplicaSet WithMetadata(ReplicaSet obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override ReplicaSet PrepareForCreate(ReplicaSet obj) => Defaults(obj) with { Status = new ReplicaSetStatus() };

    public override IReadOnlyList<FieldError> ValidateCreate(ReplicaSet obj) => ReplicaSetValidation.ValidateCreate(obj);

    public override ReplicaSet PrepareForUpdate(ReplicaSet old, ReplicaSet updated) => Defaults(updated) with { Status = old.Status };

    public override IReadOnlyList<FieldError> ValidateUpdate(ReplicaSet old, ReplicaSet updated) => ReplicaSetValidation.ValidateUpdate(old, updated);

    public override IReadOnlyList<FieldError> ValidateStatus(ReplicaSet updated) => ReplicaSetValidation.ValidateStatus(updated.Status);

    public override IObjectEvent Created(ReplicaSet obj) => new ReplicaSetCreated(obj);

    public override IReadOnlyList<IObjectEvent> Changes(ReplicaSet old, ReplicaSet updated)
    {
        var events = new List<IObjectEvent>();
        var (uid, ns, name) = (old.Metadata.Uid!, old.Metadata.Namespace!, old.Metadata.Name!);
        var metadata = ObjectMetaEvolution.Diff(old.Metadata, updated.Metadata);
        if (!metadata.IsEmpty) events.Add(new ReplicaSetMetadataChanged(uid, ns, name, metadata));
        if (!JsonEquals(old.Spec, updated.Spec)) events.Add(new ReplicaSetSpecChanged(uid, ns, name, updated.Spec));
        return events;
    }

    public override IObjectEvent? StatusChanged(ReplicaSet old, ReplicaSet updated) =>
        JsonEquals(old.Status, updated.Status)
            ? null
            : new ReplicaSetStatusChanged(old.Metadata.Uid!, old.Metadata.Namespace!, old.Metadata.Name!, updated.Status ?? new ReplicaSetStatus());

    public override IObjectEvent Deleted(ReplicaSet obj) => new ReplicaSetDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    /// <summary>A ReplicaSet owns its pods.</summary>
    public override bool OwnsDependents => true;

    public int DesiredReplicas(ReplicaSet obj) => obj.Spec.Replicas ?? 1;

    public ReplicaSet WithDesiredReplicas(ReplicaSet obj, int replicas) => obj with { Spec = obj.Spec with { Replicas = replicas } };

    public int CurrentReplicas(ReplicaSet obj) => obj.Status?.Replicas ?? 0;

    public string Selector(ReplicaSet obj) =>
        obj.Spec.Selector is { } selector && selector.TryToSelector(out var parsed, out _) ? parsed.ToString() : "";

    private static ReplicaSet Defaults(ReplicaSet rs) => rs with
    {
        Spec = rs.Spec with
        {
            Replicas = rs.Spec.Replicas ?? 1,
            MinReadySeconds = rs.Spec.MinReadySeconds ?? 0,
            Template = rs.Spec.Template is { } template ? template with { Spec = PodDefaults.ApplySpec(template.Spec) } : null,
        },
    };
}
