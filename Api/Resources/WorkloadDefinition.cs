using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Resources;

/// <summary>What the workload kinds (ReplicaSet, ReplicationController, Deployment) share: a spec whose change is
/// one event (and a new generation), a status that belongs to the kind's controller and goes through /status, and
/// the scale subresource over <c>spec.replicas</c>.</summary>
public abstract class WorkloadDefinition<T, TSpec, TStatus> : ResourceDefinition<T>, IScalable<T>
    where T : class, IKubeObject where TStatus : class, new()
{
    /// <summary>A workload owns what it makes (pods, or a Deployment's ReplicaSets).</summary>
    public override bool OwnsDependents => true;

    protected abstract TSpec SpecOf(T obj);

    protected abstract TStatus? StatusOf(T obj);

    protected abstract T With(T obj, TSpec spec, TStatus? status);

    protected abstract IObjectEvent MetadataChanged(string uid, string ns, string name, MetadataChanges changes);

    protected abstract IObjectEvent SpecChanged(string uid, string ns, string name, TSpec spec);

    protected abstract IObjectEvent StatusChanged(string uid, string ns, string name, TStatus status);

    /// <summary>The spec with its defaults (one replica, the template's pod spec defaulted as a pod's would be, ...).</summary>
    protected abstract T Defaults(T obj);

    public override T PrepareForCreate(T obj)
    {
        var defaulted = Defaults(obj);
        return With(defaulted, SpecOf(defaulted), new TStatus());
    }

    public override T PrepareForUpdate(T old, T updated)
    {
        var defaulted = Defaults(updated);
        return With(defaulted, SpecOf(defaulted), StatusOf(old));
    }

    public override IReadOnlyList<IObjectEvent> Changes(T old, T updated)
    {
        var events = new List<IObjectEvent>();
        var (uid, ns, name) = (old.Metadata.Uid!, old.Metadata.Namespace!, old.Metadata.Name!);
        var metadata = ObjectMetaEvolution.Diff(old.Metadata, updated.Metadata);
        if (!metadata.IsEmpty) events.Add(MetadataChanged(uid, ns, name, metadata));
        if (!JsonEquals(SpecOf(old), SpecOf(updated))) events.Add(SpecChanged(uid, ns, name, SpecOf(updated)));
        return events;
    }

    public override IObjectEvent? StatusChanged(T old, T updated) =>
        JsonEquals(StatusOf(old), StatusOf(updated))
            ? null
            : StatusChanged(old.Metadata.Uid!, old.Metadata.Namespace!, old.Metadata.Name!, StatusOf(updated) ?? new TStatus());

    public abstract int DesiredReplicas(T obj);

    public abstract T WithDesiredReplicas(T obj, int replicas);

    public abstract int CurrentReplicas(T obj);

    public abstract string Selector(T obj);

    protected static PodTemplateSpec? DefaultTemplate(PodTemplateSpec? template) =>
        template is null ? null : template with { Spec = Contracts.Defaulting.PodDefaults.ApplySpec(template.Spec) };

    protected static string Describe(LabelSelectorSpec? selector) =>
        selector is not null && selector.TryToSelector(out var parsed, out _) ? parsed.ToString() : "";
}
