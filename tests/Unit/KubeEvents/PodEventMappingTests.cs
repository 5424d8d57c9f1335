using EventOrch.Contracts.Events;
using EventOrch.Contracts.KubeEvents;
using EventOrch.Contracts.Model;
using static EventOrch.Tests.Unit.KubeEvents.EventFixtures;

namespace EventOrch.Tests.Unit.KubeEvents;

public sealed class PodEventMappingTests
{
    private const string N = EventTypes.Normal;
    private const string W = EventTypes.Warning;
    private static readonly OwnerReference RsOwner = Owner("ReplicaSet", "web");
    private static readonly OwnerReference RcOwner = Owner("ReplicationController", "legacy", "v1");
    private static readonly Probe HttpProbe = new() { HttpGet = new HttpGetAction { Path = "/", Port = new IntOrString(80) } };
    private static readonly Taint Unreachable = new() { Key = "node.kubernetes.io/unreachable", Effect = TaintEffects.NoExecute, TimeAdded = At.AddMinutes(-1) };

    private static Pod Terminating(Pod pod) => pod with { Metadata = pod.Metadata with { DeletionTimestamp = At, DeletionGracePeriodSeconds = 30 } };

    private static PodStatusChanged StatusOf(Pod pod, PodStatus status) => new(pod.Metadata.Uid!, "default", pod.Metadata.Name!, status);

    private static PodStatus Unschedulable(string message) => new PodStatus().WithCondition(new PodCondition
    {
        Type = PodConditions.PodScheduled, Status = ConditionStatuses.False, Reason = PodConditions.Unschedulable, Message = message,
    });

    public static TheoryData<MappingCase> Cases()
    {
        var bound = Pod(node: "node-1", status: Containers(Running()));
        var data = new TheoryData<MappingCase>
        {
            new("a binding is the scheduler's Scheduled", Rec(new PodBound("uid-web-abcde", "default", "web-abcde", "node-1", At)), Pod(), Subjects(),
                [(EventReasons.Scheduled, N, "default-scheduler", "Successfully assigned default/web-abcde to node-1")]),
            new("a pod with its own scheduler names it", Rec(new PodBound("uid-web-abcde", "default", "web-abcde", "node-1", At)), Pod(scheduler: "my-scheduler"),
                Subjects(), [(EventReasons.Scheduled, N, "my-scheduler", "Successfully assigned default/web-abcde to node-1")]),
            new("PodScheduled=False is FailedScheduling", Rec(StatusOf(Pod(), Unschedulable("0/2 nodes are available: 2 Insufficient cpu."))), Pod(), Subjects(),
                [(EventReasons.FailedScheduling, W, "default-scheduler", "0/2 nodes are available: 2 Insufficient cpu.")]),
            new("the same unschedulable message again is no news",
                Rec(StatusOf(Pod(), Unschedulable("0/2 nodes are available: 2 Insufficient cpu."))),
                Pod(status: Unschedulable("0/2 nodes are available: 2 Insufficient cpu.")), Subjects(), []),
            new("a new unschedulable message is",
                Rec(StatusOf(Pod(), Unschedulable("0/3 nodes are available: 3 Insufficient cpu."))),
                Pod(status: Unschedulable("0/2 nodes are available: 2 Insufficient cpu.")), Subjects(),
                [(EventReasons.FailedScheduling, W, "default-scheduler", "0/3 nodes are available: 3 Insufficient cpu.")]),
            new("a component's create of a pod a ReplicaSet controls is SuccessfulCreate on the ReplicaSet",
                Rec(new PodCreated(Pod(owner: RsOwner)), Component), null, Subjects(ReplicaSet()),
                [(EventReasons.SuccessfulCreate, N, "replicaset-controller", "Created pod: web-abcde")]),
            new("a ReplicationController's is the replication manager's",
                Rec(new PodCreated(Pod(owner: RcOwner)), Component), null, Subjects(),
                [(EventReasons.SuccessfulCreate, N, "replication-controller", "Created pod: web-abcde")]),
            new("a person creating an owned pod is not a controller", Rec(new PodCreated(Pod(owner: RsOwner))), null, Subjects(ReplicaSet()), []),
            new("a pod without an owner gets nothing on create", Rec(new PodCreated(Pod()), Component), null, Subjects(), []),
            new("a graceful delete of a bound pod stops its running containers",
                Rec(new PodTerminationRequested("uid-web-abcde", "default", "web-abcde", At.AddSeconds(30), 30)), bound, Subjects(),
                [(EventReasons.Killing, N, "kubelet", "Stopping container web")]),
            new("the replica set controller's delete is SuccessfulDelete on its live owner",
                Rec(new PodTerminationRequested("uid-web-abcde", "default", "web-abcde", At.AddSeconds(30), 30), Component),
                Pod(node: "node-1", owner: RsOwner, status: Containers(Running())), Subjects(ReplicaSet()),
                [(EventReasons.Killing, N, "kubelet", "Stopping container web"), (EventReasons.SuccessfulDelete, N, "replicaset-controller", "Deleted pod: web-abcde")]),
            new("an unbound pod deleted by the controller", Rec(new PodDeleted("uid-web-abcde", "default", "web-abcde"), Component),
                Pod(owner: RsOwner), Subjects(ReplicaSet()), [(EventReasons.SuccessfulDelete, N, "replicaset-controller", "Deleted pod: web-abcde")]),
            new("the garbage collector's delete, its owner being deleted, is not the controller's",
                Rec(new PodDeleted("uid-web-abcde", "default", "web-abcde"), Component), Pod(owner: RsOwner), Subjects(ReplicaSet(deleting: At)), []),
            new("nor is a delete after its owner is gone", Rec(new PodDeleted("uid-web-abcde", "default", "web-abcde"), Component), Pod(owner: RsOwner), Subjects(), []),
            new("the agent's final delete after termination adds nothing",
                Rec(new PodDeleted("uid-web-abcde", "default", "web-abcde"), Component),
                Terminating(Pod(node: "node-1", owner: RsOwner, status: Containers(Running()))), Subjects(ReplicaSet()), []),
            new("a component's immediate delete from a node with an untolerated NoExecute taint is an eviction",
                Rec(new PodDeleted("uid-web-abcde", "default", "web-abcde"), Component), Pod(node: "node-1", owner: RsOwner, status: Containers(Running())),
                Subjects(ReplicaSet(), Node(ready: ConditionStatuses.Unknown, taints: [Unreachable])),
                [(EventReasons.TaintManagerEviction, N, "taint-eviction-controller", "Marking for deletion Pod default/web-abcde")]),
            new("a pod tolerating the taint for a while is evicted once that while is over",
                Rec(new PodDeleted("uid-web-abcde", "default", "web-abcde"), Component),
                Pod(node: "node-1", tolerations: [new Toleration { Key = Unreachable.Key, Operator = "Exists", Effect = TaintEffects.NoExecute, TolerationSeconds = 30 }]),
                Subjects(Node(taints: [Unreachable])),
                [(EventReasons.TaintManagerEviction, N, "taint-eviction-controller", "Marking for deletion Pod default/web-abcde")]),
            new("a person's forced delete stops the containers, tainted node or not",
                Rec(new PodDeleted("uid-web-abcde", "default", "web-abcde")), bound, Subjects(Node(taints: [Unreachable])),
                [(EventReasons.Killing, N, "kubelet", "Stopping container web")]),
            new("a delete held back by finalizers is the controller's delete too",
                Rec(new PodMetadataChanged("uid-web-abcde", "default", "web-abcde", new MetadataChanges { DeletionTimestamp = At, DeletionGracePeriodSeconds = 0 }), Component),
                Pod(owner: RsOwner), Subjects(ReplicaSet()), [(EventReasons.SuccessfulDelete, N, "replicaset-controller", "Deleted pod: web-abcde")]),
            new("a label change is nothing", Rec(new PodMetadataChanged("uid-web-abcde", "default", "web-abcde", new MetadataChanges { Labels = new() { ["a"] = "b" } })),
                bound, Subjects(), []),
        };
        return data;
    }

    public static TheoryData<MappingCase> ContainerCases()
    {
        var creating = Pod(node: "node-1", status: Containers(Waiting("ContainerCreating")));
        var running = Pod(node: "node-1", status: Containers(Running()), readiness: HttpProbe);
        var crashLooping = Pod(node: "node-1", status: Containers(Waiting("CrashLoopBackOff", "back-off 10s restarting failed container", "docker://a", 1)));
        const string backOff = "Back-off restarting failed container web in pod web-abcde_default(uid-web-abcde)";
        return new TheoryData<MappingCase>
        {
            new("a container running for the first time was Created and Started", Rec(StatusOf(creating, Containers(Running()))), creating, Subjects(),
                [(EventReasons.Created, N, "kubelet", "Created container: web"), (EventReasons.Started, N, "kubelet", "Started container web")]),
            new("the same instance still running is no news", Rec(StatusOf(running, Containers(Running()))), running, Subjects(), []),
            new("a waiting crash loop is BackOff", Rec(StatusOf(running, crashLooping.Status!)), running, Subjects(), [(EventReasons.BackOff, W, "kubelet", backOff)]),
            new("the back-off's remaining time changing is not a new back-off",
                Rec(StatusOf(crashLooping, Containers(Waiting("CrashLoopBackOff", "back-off 7s restarting failed container", "docker://a", 1)))), crashLooping, Subjects(), []),
            new("a restarted instance that crashed again between writes started and backs off again",
                Rec(StatusOf(crashLooping, Containers(Waiting("CrashLoopBackOff", "back-off 20s restarting failed container", "docker://b", 2)))), crashLooping, Subjects(),
                [(EventReasons.Created, N, "kubelet", "Created container: web"), (EventReasons.Started, N, "kubelet", "Started container web"),
                 (EventReasons.BackOff, W, "kubelet", backOff)]),
            new("an image that cannot be pulled failed",
                Rec(StatusOf(creating, Containers(Waiting("ErrImagePull", "pull access denied")))), creating, Subjects(),
                [(EventReasons.Failed, W, "kubelet", "Failed to pull image \"nginx:1.27\": pull access denied"), (EventReasons.Failed, W, "kubelet", "Error: ErrImagePull")]),
            new("then it is backed off",
                Rec(StatusOf(creating, Containers(Waiting("ImagePullBackOff", "pull access denied")))),
                Pod(node: "node-1", status: Containers(Waiting("ErrImagePull", "pull access denied"))), Subjects(),
                [(EventReasons.BackOff, N, "kubelet", "Back-off pulling image \"nginx:1.27\""), (EventReasons.Failed, W, "kubelet", "Error: ImagePullBackOff")]),
            new("an image that may never be pulled",
                Rec(StatusOf(creating, Containers(Waiting("ErrImageNeverPull", "Container image \"nginx:1.27\" is not present with pull policy of Never")))), creating, Subjects(),
                [(EventReasons.ErrImageNeverPull, W, "kubelet", "Container image \"nginx:1.27\" is not present with pull policy of Never"),
                 (EventReasons.Failed, W, "kubelet", "Error: ErrImageNeverPull")]),
            new("a container that cannot be made failed", Rec(StatusOf(creating, Containers(Waiting("CreateContainerError", "no such volume")))), creating, Subjects(),
                [(EventReasons.Failed, W, "kubelet", "Error: no such volume")]),
            new("a container whose ConfigMap is missing failed", Rec(StatusOf(creating, Containers(Waiting("CreateContainerConfigError", "configmap \"settings\" not found")))),
                creating, Subjects(), [(EventReasons.Failed, W, "kubelet", "Error: configmap \"settings\" not found")]),
            new("a sandbox that cannot be made is one pod event", Rec(StatusOf(creating, Containers(Waiting("CreatePodSandboxError", "no network")))), creating, Subjects(),
                [(EventReasons.FailedCreatePodSandBox, W, "kubelet", "Failed to create pod sandbox: no network")]),
            new("a running container no longer ready failed its readiness probe",
                Rec(StatusOf(running, Containers(Running(ready: false)))), running, Subjects(), [(EventReasons.Unhealthy, W, "kubelet", "Readiness probe failed")]),
            new("without a readiness probe, unready is not a probe failure",
                Rec(StatusOf(running, Containers(Running(ready: false)))), running with { Spec = running.Spec with { Containers = [new Container { Name = "web", Image = "nginx:1.27" }] } },
                Subjects(), []),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [MemberData(nameof(ContainerCases))]
    public void A_pod_event_becomes_Kubernetes_Events_in_Kubernetes_words(MappingCase c)
    {
        var events = KubeEventMapper.From(c.Event, c.Before, c.Subjects);

        Assert.Equal(c.Expected, Summary(events));
    }

    [Fact]
    public void A_container_event_names_the_pod_the_container_and_the_node()
    {
        var creating = Pod(node: "node-1", status: Containers(Waiting("ContainerCreating")));

        var started = KubeEventMapper.From(Rec(StatusOf(creating, Containers(Running())), "system:serviceaccount:kube-system:node-agent", 77), creating, Subjects())[1];

        Assert.Equal(("v1", "Pod", "default", "web-abcde", "uid-web-abcde", "77", "spec.containers{web}"),
            (started.InvolvedObject.ApiVersion, started.InvolvedObject.Kind, started.InvolvedObject.Namespace, started.InvolvedObject.Name,
                started.InvolvedObject.Uid, started.InvolvedObject.ResourceVersion, started.InvolvedObject.FieldPath));
        Assert.Equal(("kubelet", "node-1"), (started.Source!.Component, started.Source.Host));
        Assert.Equal(("kubelet", "node-1"), (started.ReportingComponent, started.ReportingInstance));
    }

    [Fact]
    public void SuccessfulCreate_is_about_the_owner_at_the_version_it_had()
    {
        var created = Assert.Single(KubeEventMapper.From(Rec(new PodCreated(Pod(owner: RsOwner)), Component), null, Subjects(ReplicaSet())));

        Assert.Equal(("apps/v1", "ReplicaSet", "default", "web", "uid-web", "30", (string?)null),
            (created.InvolvedObject.ApiVersion, created.InvolvedObject.Kind, created.InvolvedObject.Namespace, created.InvolvedObject.Name,
                created.InvolvedObject.Uid, created.InvolvedObject.ResourceVersion, created.InvolvedObject.FieldPath));
        Assert.Equal("default", created.Metadata.Namespace);
        Assert.StartsWith("web.", created.Metadata.Name);
    }
}
