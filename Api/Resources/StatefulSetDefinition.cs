using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>StatefulSets (apps/v1), with Kubernetes' defaults (apps/v1 SetDefaults_StatefulSet): one replica,
/// OrderedReady pod management, a RollingUpdate strategy (partition 0), ten revisions kept, claims retained when the
/// set is deleted or scaled, ordinals from 0 once given, and claim templates shown as v1 PersistentVolumeClaims of
/// volume mode Filesystem.</summary>
public sealed class StatefulSetDefinition : WorkloadDefinition<StatefulSet, StatefulSetSpec, StatefulSetStatus>
{
    public override IObjectEvolver<StatefulSet> Evolver => StatefulSetEvolver.Instance;

    public override StatefulSet WithMetadata(StatefulSet obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override IReadOnlyList<FieldError> ValidateCreate(StatefulSet obj) => StatefulSetValidation.ValidateCreate(obj);

    public override IReadOnlyList<FieldError> ValidateUpdate(StatefulSet old, StatefulSet updated) => StatefulSetValidation.ValidateUpdate(old, updated);

    public override IReadOnlyList<FieldError> ValidateStatus(StatefulSet updated) => StatefulSetValidation.ValidateStatus(updated.Status);

    public override IObjectEvent Created(StatefulSet obj) => new StatefulSetCreated(obj);

    public override IObjectEvent Deleted(StatefulSet obj) => new StatefulSetDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    protected override StatefulSetSpec SpecOf(StatefulSet obj) => obj.Spec;

    protected override StatefulSetStatus? StatusOf(StatefulSet obj) => obj.Status;

    protected override StatefulSet With(StatefulSet obj, StatefulSetSpec spec, StatefulSetStatus? status) => obj with { Spec = spec, Status = status };

    protected override IObjectEvent MetadataChanged(string uid, string ns, string name, MetadataChanges changes) =>
        new StatefulSetMetadataChanged(uid, ns, name, changes);

    protected override IObjectEvent SpecChanged(string uid, string ns, string name, StatefulSetSpec spec) => new StatefulSetSpecChanged(uid, ns, name, spec);

    protected override IObjectEvent StatusChanged(string uid, string ns, string name, StatefulSetStatus status) =>
        new StatefulSetStatusChanged(uid, ns, name, status);

    protected override StatefulSet Defaults(StatefulSet sts) => sts with { Spec = DefaultSpec(sts.Spec) };

    /// <summary>Kubernetes' defaults for the spec; an update strategy whose type was left out becomes a RollingUpdate
    /// with a partition of 0, one that names RollingUpdate gets its partition only if it gave rollingUpdate.</summary>
    public static StatefulSetSpec DefaultSpec(StatefulSetSpec spec)
    {
        var strategy = spec.UpdateStrategy ?? new StatefulSetUpdateStrategy();
        if (string.IsNullOrEmpty(strategy.Type))
            strategy = strategy with { Type = StatefulSetConventions.RollingUpdate, RollingUpdate = strategy.RollingUpdate ?? new RollingUpdateStatefulSetStrategy() };
        if (strategy is { Type: StatefulSetConventions.RollingUpdate, RollingUpdate: { } rolling })
            strategy = strategy with { RollingUpdate = rolling with { Partition = rolling.Partition ?? 0 } };
        var retention = spec.PersistentVolumeClaimRetentionPolicy ?? new StatefulSetPersistentVolumeClaimRetentionPolicy();
        return spec with
        {
            Replicas = spec.Replicas ?? 1,
            PodManagementPolicy = string.IsNullOrEmpty(spec.PodManagementPolicy) ? StatefulSetConventions.OrderedReady : spec.PodManagementPolicy,
            UpdateStrategy = strategy,
            RevisionHistoryLimit = spec.RevisionHistoryLimit ?? 10,
            PersistentVolumeClaimRetentionPolicy = retention with
            {
                WhenDeleted = string.IsNullOrEmpty(retention.WhenDeleted) ? StatefulSetConventions.Retain : retention.WhenDeleted,
                WhenScaled = string.IsNullOrEmpty(retention.WhenScaled) ? StatefulSetConventions.Retain : retention.WhenScaled,
            },
            Ordinals = spec.Ordinals is { } ordinals ? ordinals with { Start = ordinals.Start ?? 0 } : null,
            Template = DefaultTemplate(spec.Template),
            VolumeClaimTemplates = spec.VolumeClaimTemplates?.Select(DefaultClaim).ToList(),
        };
    }

    // A claim template is a v1 PersistentVolumeClaim (the record's apiVersion and kind), defaulted as a claim is.
    private static PersistentVolumeClaim DefaultClaim(PersistentVolumeClaim claim) =>
        claim with { Spec = PersistentVolumeClaimDefinition.DefaultSpec(claim.Spec) };

    public override int DesiredReplicas(StatefulSet obj) => obj.Spec.Replicas ?? 1;

    public override StatefulSet WithDesiredReplicas(StatefulSet obj, int replicas) => obj with { Spec = obj.Spec with { Replicas = replicas } };

    public override int CurrentReplicas(StatefulSet obj) => obj.Status?.Replicas ?? 0;

    public override string Selector(StatefulSet obj) => Describe(obj.Spec.Selector);
}
