using EventOrch.Contracts.Events;
using EventOrch.Contracts.KubeEvents;
using EventOrch.Contracts.Model;
using static EventOrch.Tests.Unit.KubeEvents.EventFixtures;

namespace EventOrch.Tests.Unit.KubeEvents;

public sealed class NodeAndWorkloadEventMappingTests
{
    private const string N = EventTypes.Normal;
    private const string Agent = "system:serviceaccount:kube-system:node-agent";

    private static NodeStatusChanged Ready(string status) =>
        new("uid-node-1", "node-1", new NodeStatus { Conditions = [new NodeCondition { Type = NodeConditions.Ready, Status = status }] });

    private static ReplicaSetCondition Failure() => new()
    {
        Type = DeploymentConventions.ReplicaFailure, Status = ConditionStatuses.True, Reason = "FailedCreate",
        Message = "pods \"web-6b7f9-\" is forbidden: exceeded quota",
    };

    private static ReplicaSetStatusChanged Failing(ReplicaSet rs, params ReplicaSetCondition[] conditions) =>
        new(rs.Metadata.Uid!, "default", rs.Metadata.Name!, new ReplicaSetStatus { Replicas = 2, Conditions = conditions.Length == 0 ? null : [.. conditions] });

    private static ReplicaSetSpecChanged Scale(ReplicaSet rs, int replicas) => new(rs.Metadata.Uid!, "default", rs.Metadata.Name!, rs.Spec with { Replicas = replicas });

    public static TheoryData<MappingCase> NodeCases() => new()
    {
        new("a registered node started its kubelet, is registered and Ready", Rec(new NodeRegistered(Node()), Agent), null, Subjects(),
            [
                (EventReasons.Starting, N, "kubelet", "Starting kubelet."),
                (EventReasons.RegisteredNode, N, "node-controller", "Node node-1 event: Registered Node node-1 in Controller"),
                (EventReasons.NodeReady, N, "kubelet", "Node node-1 status is now: NodeReady"),
            ]),
        new("one registered not ready is not NodeReady", Rec(new NodeRegistered(Node(ready: ConditionStatuses.False)), Agent), null, Subjects(),
            [
                (EventReasons.Starting, N, "kubelet", "Starting kubelet."),
                (EventReasons.RegisteredNode, N, "node-controller", "Node node-1 event: Registered Node node-1 in Controller"),
            ]),
        new("its agent reporting Ready=False is the kubelet's NodeNotReady", Rec(Ready(ConditionStatuses.False), Agent), Node(), Subjects(),
            [(EventReasons.NodeNotReady, N, "kubelet", "Node node-1 status is now: NodeNotReady")]),
        new("Ready=Unknown is the node controller's NodeNotReady", Rec(Ready(ConditionStatuses.Unknown), EventFixtures.Component), Node(), Subjects(),
            [(EventReasons.NodeNotReady, N, "node-controller", "Node node-1 status is now: NodeNotReady")]),
        new("Ready again", Rec(Ready(ConditionStatuses.True), Agent), Node(ready: ConditionStatuses.Unknown), Subjects(),
            [(EventReasons.NodeReady, N, "kubelet", "Node node-1 status is now: NodeReady")]),
        new("a status with the same Ready is no news", Rec(Ready(ConditionStatuses.True), Agent), Node(), Subjects(), []),
        new("cordoned", Rec(new NodeSpecChanged("uid-node-1", "node-1", new NodeSpec { Unschedulable = true })), Node(), Subjects(),
            [(EventReasons.NodeNotSchedulable, N, "kubelet", "Node node-1 status is now: NodeNotSchedulable")]),
        new("uncordoned", Rec(new NodeSpecChanged("uid-node-1", "node-1", new NodeSpec())), Node(unschedulable: true), Subjects(),
            [(EventReasons.NodeSchedulable, N, "kubelet", "Node node-1 status is now: NodeSchedulable")]),
        new("a taint alone is nothing", Rec(new NodeSpecChanged("uid-node-1", "node-1", new NodeSpec { Taints = [new Taint { Key = "k", Effect = TaintEffects.NoSchedule }] })),
            Node(), Subjects(), []),
        new("deleted", Rec(new NodeDeleted("uid-node-1", "node-1")), Node(), Subjects(),
            [(EventReasons.RemovingNode, N, "node-controller", "Node node-1 event: Removing Node node-1 from Controller")]),
    };

    public static TheoryData<MappingCase> WorkloadCases()
    {
        var owned = ReplicaSet("web-6b7f9", replicas: 3, owner: Owner("Deployment", "web"));
        return new TheoryData<MappingCase>
        {
            new("the deployment controller's new ReplicaSet is a scale up from 0", Rec(new ReplicaSetCreated(owned), EventFixtures.Component), null, Subjects(Deployment()),
                [(EventReasons.ScalingReplicaSet, N, "deployment-controller", "Scaled up replica set web-6b7f9 from 0 to 3")]),
            new("a new ReplicaSet of 0 is not scaled", Rec(new ReplicaSetCreated(owned with { Spec = owned.Spec with { Replicas = 0 } }), EventFixtures.Component), null,
                Subjects(Deployment()), []),
            new("scaling it down", Rec(Scale(owned, 1), EventFixtures.Component), owned, Subjects(Deployment()),
                [(EventReasons.ScalingReplicaSet, N, "deployment-controller", "Scaled down replica set web-6b7f9 from 3 to 1")]),
            new("scaling it up", Rec(Scale(owned, 5), EventFixtures.Component), owned, Subjects(Deployment()),
                [(EventReasons.ScalingReplicaSet, N, "deployment-controller", "Scaled up replica set web-6b7f9 from 3 to 5")]),
            new("a new template with the same replicas is no scale", Rec(Scale(owned, 3), EventFixtures.Component), owned, Subjects(Deployment()), []),
            new("a person scaling a Deployment's ReplicaSet is not the controller", Rec(Scale(owned, 5)), owned, Subjects(Deployment()), []),
            new("a ReplicaSet of its own scaled by anyone reports nothing on create", Rec(new ReplicaSetCreated(ReplicaSet()), EventFixtures.Component), null, Subjects(), []),
            new("a refused create sets ReplicaFailure: the replica set controller's FailedCreate", Rec(Failing(owned, Failure()), EventFixtures.Component), owned,
                Subjects(), [(EventReasons.FailedCreate, EventTypes.Warning, "replicaset-controller", "Error creating: pods \"web-6b7f9-\" is forbidden: exceeded quota")]),
            new("a ReplicaFailure already there is no new Event", Rec(Failing(owned, Failure()), EventFixtures.Component),
                owned with { Status = new ReplicaSetStatus { Conditions = [Failure()] } }, Subjects(), []),
            new("a status without ReplicaFailure is nothing", Rec(Failing(owned), EventFixtures.Component), owned, Subjects(), []),
        };
    }

    [Theory]
    [MemberData(nameof(NodeCases))]
    [MemberData(nameof(WorkloadCases))]
    public void A_node_or_workload_event_becomes_Kubernetes_Events_in_Kubernetes_words(MappingCase c)
    {
        var events = KubeEventMapper.From(c.Event, c.Before, c.Subjects);

        Assert.Equal(c.Expected, Summary(events));
    }

    [Fact]
    public void A_node_event_goes_to_the_default_namespace_and_names_the_node_cluster_scoped()
    {
        var ready = KubeEventMapper.From(Rec(Ready(ConditionStatuses.False), Agent), Node(), Subjects()).Single();

        Assert.Equal("default", ready.Metadata.Namespace);
        Assert.Equal(("v1", "Node", (string?)null, "node-1", "uid-node-1"),
            (ready.InvolvedObject.ApiVersion, ready.InvolvedObject.Kind, ready.InvolvedObject.Namespace, ready.InvolvedObject.Name, ready.InvolvedObject.Uid));
        Assert.Equal("node-1", ready.Source!.Host);
    }

    [Fact]
    public void ScalingReplicaSet_is_about_the_Deployment()
    {
        var owned = ReplicaSet("web-6b7f9", owner: Owner("Deployment", "web"));

        var scaled = KubeEventMapper.From(Rec(Scale(owned, 1), EventFixtures.Component), owned, Subjects(Deployment())).Single();

        Assert.Equal(("apps/v1", "Deployment", "default", "web", "uid-web", "20"),
            (scaled.InvolvedObject.ApiVersion, scaled.InvolvedObject.Kind, scaled.InvolvedObject.Namespace, scaled.InvolvedObject.Name,
                scaled.InvolvedObject.Uid, scaled.InvolvedObject.ResourceVersion));
    }
}
