using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.KubeEvents;

/// <summary>The kinds the Event mapping knows the state of, folded with their own evolvers: pods, nodes and ReplicaSets,
/// whose events become Kubernetes Events, and ReplicationControllers and Deployments, which are only looked up as
/// owners.</summary>
public static class EventSubjectKinds
{
    private static readonly Dictionary<Type, ResourceKind> KindOfType = new[]
        {
            (PodEvolver.Instance.Kind, PodEvolver.Instance.EventTypes),
            (NodeEvolver.Instance.Kind, NodeEvolver.Instance.EventTypes),
            (ReplicaSetEvolver.Instance.Kind, ReplicaSetEvolver.Instance.EventTypes),
            (ReplicationControllerEvolver.Instance.Kind, ReplicationControllerEvolver.Instance.EventTypes),
            (DeploymentEvolver.Instance.Kind, DeploymentEvolver.Instance.EventTypes),
        }
        .SelectMany(k => k.EventTypes.Select(t => (Type: t, Kind: k.Kind)))
        .ToDictionary(x => x.Type, x => x.Kind);

    /// <summary>The kinds whose own events can become Kubernetes Events.</summary>
    public static bool Produces(ResourceKind kind) => kind == ResourceKind.Pod || kind == ResourceKind.Node || kind == ResourceKind.ReplicaSet;

    /// <summary>The kind of the object an event is about, when it is one of the kinds known here.</summary>
    public static ResourceKind? KindOf(IObjectEvent e) => KindOfType.GetValueOrDefault(e.GetType());

    public static bool IsCreate(IObjectEvent e) => e is PodCreated or NodeRegistered or ICreatedEvent<IKubeObject>;

    /// <summary>The object after <paramref name="e"/>, folded by its kind's evolver; null once it is gone.</summary>
    public static IKubeObject? Apply(IKubeObject? current, IObjectEvent e, EventPosition position) => KindOf(e) switch
    {
        var k when k == ResourceKind.Pod => PodEvolver.Instance.Apply(current as Pod, e, position),
        var k when k == ResourceKind.Node => NodeEvolver.Instance.Apply(current as Node, e, position),
        var k when k == ResourceKind.ReplicaSet => ReplicaSetEvolver.Instance.Apply(current as ReplicaSet, e, position),
        var k when k == ResourceKind.ReplicationController => ReplicationControllerEvolver.Instance.Apply(current as ReplicationController, e, position),
        var k when k == ResourceKind.Deployment => DeploymentEvolver.Instance.Apply(current as Deployment, e, position),
        _ => current,
    };
}
