using EventOrch.Contracts.Events;
using EventOrch.Contracts.KubeEvents;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.KubeEvents;

/// <summary>Objects and recorded events for the Event mapping's tests.</summary>
internal static class EventFixtures
{
    public const string Component = "system:serviceaccount:kube-system:controllers";
    public const string Person = "admin";
    public static readonly DateTimeOffset At = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567);

    public static RecordedEvent Rec(IObjectEvent data, string user = Person, long sequence = 42) =>
        new(data, Guid.Parse("7d0c4f55-8a62-4b8e-9d6f-0a1b2c3d4e5f"), sequence, 3, At, user, "request-1", null);

    public static Pod Pod(string name = "web-abcde", string? node = null, OwnerReference? owner = null, PodStatus? status = null,
        Probe? readiness = null, string? scheduler = null, List<Toleration>? tolerations = null) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name, Namespace = "default", Uid = $"uid-{name}", ResourceVersion = "40",
            OwnerReferences = owner is null ? null : [owner],
        },
        Spec = new PodSpec
        {
            Containers = [new Container { Name = "web", Image = "nginx:1.27", ReadinessProbe = readiness }],
            NodeName = node,
            SchedulerName = scheduler,
            Tolerations = tolerations,
        },
        Status = status,
    };

    public static OwnerReference Owner(string kind, string name, string apiVersion = "apps/v1") =>
        new() { ApiVersion = apiVersion, Kind = kind, Name = name, Uid = $"uid-{name}", Controller = true };

    public static ReplicaSet ReplicaSet(string name = "web", int replicas = 3, OwnerReference? owner = null, DateTimeOffset? deleting = null) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name, Namespace = "default", Uid = $"uid-{name}", ResourceVersion = "30",
            OwnerReferences = owner is null ? null : [owner], DeletionTimestamp = deleting,
        },
        Spec = new ReplicaSetSpec { Replicas = replicas },
    };

    public static Deployment Deployment(string name = "web") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Uid = $"uid-{name}", ResourceVersion = "20" },
    };

    public static Node Node(string name = "node-1", string ready = ConditionStatuses.True, bool unschedulable = false, List<Taint>? taints = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Uid = $"uid-{name}", ResourceVersion = "10" },
        Spec = new NodeSpec { Unschedulable = unschedulable ? true : null, Taints = taints },
        Status = new NodeStatus { Conditions = [new NodeCondition { Type = NodeConditions.Ready, Status = ready }] },
    };

    public static PodStatus Containers(params ContainerStatus[] statuses) => new() { Phase = PodPhases.Running, ContainerStatuses = [.. statuses] };

    public static ContainerStatus Running(string id = "docker://a", bool ready = true, int restarts = 0) => new()
    {
        Name = "web", ContainerID = id, Ready = ready, RestartCount = restarts,
        State = new ContainerState { Running = new ContainerStateRunning { StartedAt = At } },
    };

    public static ContainerStatus Waiting(string reason, string? message = null, string? id = null, int restarts = 0) => new()
    {
        Name = "web", ContainerID = id, RestartCount = restarts,
        State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = reason, Message = message } },
    };

    public static IEventSubjects Subjects(params IKubeObject[] objects)
    {
        var table = new EventSubjectTable();
        foreach (var obj in objects) table.Add(obj);
        return table;
    }

    /// <summary>What a test compares: the reason, type, reporting component and message of each Event, in order.</summary>
    public static (string? Reason, string? Type, string? Component, string? Message)[] Summary(IEnumerable<KubeEvent> events) =>
        events.Select(e => (e.Reason, e.Type, e.Source?.Component, e.Message)).ToArray();
}

/// <summary>One row of a mapping table: a domain event, the state before it, the other objects, and the Events it gives.</summary>
public sealed record MappingCase(
    string Description,
    RecordedEvent Event,
    IKubeObject? Before,
    IEventSubjects Subjects,
    (string? Reason, string? Type, string? Component, string? Message)[] Expected)
{
    public override string ToString() => Description;
}
