using EventOrch.Contracts.Model;

namespace EventOrch.Api.Resources;

/// <summary>What the workload kinds (ReplicaSet, ReplicationController, Deployment) share beyond their spec and
/// status: the scale subresource over <c>spec.replicas</c>, a pod template defaulted as a pod would be, and the
/// dependents they own.</summary>
public abstract class WorkloadDefinition<T, TSpec, TStatus> : SpecStatusDefinition<T, TSpec, TStatus>, IScalable<T>
    where T : class, IKubeObject where TStatus : class, new()
{
    /// <summary>A workload owns what it makes (pods, or a Deployment's ReplicaSets).</summary>
    public override bool OwnsDependents => true;

    public abstract int DesiredReplicas(T obj);

    public abstract T WithDesiredReplicas(T obj, int replicas);

    public abstract int CurrentReplicas(T obj);

    public abstract string Selector(T obj);

    protected static PodTemplateSpec? DefaultTemplate(PodTemplateSpec? template) =>
        template is null ? null : template with { Spec = Contracts.Defaulting.PodDefaults.ApplySpec(template.Spec) };

    protected static string Describe(LabelSelectorSpec? selector) => LabelSelectorSpec.SelectorOf(selector).ToString();
}
