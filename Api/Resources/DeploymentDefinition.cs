using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>Deployments (apps/v1), with Kubernetes' defaults: one replica, a RollingUpdate of 25% surge and 25%
/// unavailable, ten old revisions kept, a progress deadline of 600 seconds.</summary>
public sealed class DeploymentDefinition : WorkloadDefinition<Deployment, DeploymentSpec, DeploymentStatus>
{
    private static readonly IntOrString Quarter = "25%";

    public override IObjectEvolver<Deployment> Evolver => DeploymentEvolver.Instance;

    public override Deployment WithMetadata(Deployment obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override IReadOnlyList<FieldError> ValidateCreate(Deployment obj) => DeploymentValidation.ValidateCreate(obj);

    public override IReadOnlyList<FieldError> ValidateUpdate(Deployment old, Deployment updated) => DeploymentValidation.ValidateUpdate(old, updated);

    public override IReadOnlyList<FieldError> ValidateStatus(Deployment updated) => DeploymentValidation.ValidateStatus(updated.Status);

    public override IObjectEvent Created(Deployment obj) => new DeploymentCreated(obj);

    public override IObjectEvent Deleted(Deployment obj) => new DeploymentDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    protected override DeploymentSpec SpecOf(Deployment obj) => obj.Spec;

    protected override DeploymentStatus? StatusOf(Deployment obj) => obj.Status;

    protected override Deployment With(Deployment obj, DeploymentSpec spec, DeploymentStatus? status) => obj with { Spec = spec, Status = status };

    protected override IObjectEvent MetadataChanged(string uid, string ns, string name, MetadataChanges changes) =>
        new DeploymentMetadataChanged(uid, ns, name, changes);

    protected override IObjectEvent SpecChanged(string uid, string ns, string name, DeploymentSpec spec) => new DeploymentSpecChanged(uid, ns, name, spec);

    protected override IObjectEvent StatusChanged(string uid, string ns, string name, DeploymentStatus status) =>
        new DeploymentStatusChanged(uid, ns, name, status);

    protected override Deployment Defaults(Deployment deployment)
    {
        var spec = deployment.Spec;
        var strategy = spec.Strategy ?? new DeploymentStrategy();
        strategy = strategy with { Type = string.IsNullOrEmpty(strategy.Type) ? DeploymentStrategyTypes.RollingUpdate : strategy.Type };
        if (strategy.Type == DeploymentStrategyTypes.RollingUpdate)
        {
            var rolling = strategy.RollingUpdate ?? new RollingUpdateDeployment();
            strategy = strategy with { RollingUpdate = rolling with { MaxUnavailable = rolling.MaxUnavailable ?? Quarter, MaxSurge = rolling.MaxSurge ?? Quarter } };
        }
        return deployment with
        {
            Spec = spec with
            {
                Replicas = spec.Replicas ?? 1,
                MinReadySeconds = spec.MinReadySeconds ?? 0,
                RevisionHistoryLimit = spec.RevisionHistoryLimit ?? 10,
                ProgressDeadlineSeconds = spec.ProgressDeadlineSeconds ?? 600,
                Strategy = strategy,
                Template = DefaultTemplate(spec.Template),
            },
        };
    }

    public override int DesiredReplicas(Deployment obj) => obj.Spec.Replicas ?? 1;

    public override Deployment WithDesiredReplicas(Deployment obj, int replicas) => obj with { Spec = obj.Spec with { Replicas = replicas } };

    public override int CurrentReplicas(Deployment obj) => obj.Status?.Replicas ?? 0;

    public override string Selector(Deployment obj) => Describe(obj.Spec.Selector);
}
