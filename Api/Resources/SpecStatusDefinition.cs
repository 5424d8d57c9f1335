using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Resources;

/// <summary>What the kinds with a spec and a status share (the workloads, Services): a spec whose change is one
/// event (and a new generation), and a status that belongs to the kind's controller and goes through /status.</summary>
public abstract class SpecStatusDefinition<T, TSpec, TStatus> : ResourceDefinition<T>
    where T : class, IKubeObject where TStatus : class, new()
{
    protected abstract TSpec SpecOf(T obj);

    protected abstract TStatus? StatusOf(T obj);

    protected abstract T With(T obj, TSpec spec, TStatus? status);

    protected abstract IObjectEvent MetadataChanged(string uid, string ns, string name, MetadataChanges changes);

    protected abstract IObjectEvent SpecChanged(string uid, string ns, string name, TSpec spec);

    protected abstract IObjectEvent StatusChanged(string uid, string ns, string name, TStatus status);

    /// <summary>The object with its defaults applied.</summary>
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
}
