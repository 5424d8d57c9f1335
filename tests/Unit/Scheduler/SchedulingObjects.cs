using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;

namespace EventOrch.Tests.Unit.Scheduler;

/// <summary>Small nodes and pods for scheduler tests to vary with <c>with</c>.</summary>
internal static class SchedulingObjects
{
    /// <summary>A ready node with the given allocatable resources and its hostname label.</summary>
    public static Node Node(string name = "node-1", string cpu = "4", string memory = "8Gi", string pods = "110") => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = new() { [WellKnownLabels.Hostname] = name } },
        Status = new NodeStatus
        {
            Allocatable = new() { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = pods },
            Conditions = [new NodeCondition { Type = NodeConditions.Ready, Status = ConditionStatuses.True }],
        },
    };

    public static Node WithLabels(this Node node, params (string Key, string Value)[] labels) =>
        node with { Metadata = node.Metadata with { Labels = new(node.Metadata.Labels!.Concat(labels.Select(l => KeyValuePair.Create(l.Key, l.Value)))) } };

    public static Node WithTaints(this Node node, params Taint[] taints) => node with { Spec = node.Spec with { Taints = [.. taints] } };

    public static NodeInfo Info(this Node node, params Pod[] pods) => NodeInfo.Create(node, pods);

    /// <summary>A pod with one container requesting <paramref name="cpu"/> and <paramref name="memory"/> (none when null).</summary>
    public static Pod Pod(string name = "web", string? cpu = null, string? memory = null, string? uid = null)
    {
        var requests = new Dictionary<string, string>();
        if (cpu is not null) requests["cpu"] = cpu;
        if (memory is not null) requests["memory"] = memory;
        return new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Uid = uid ?? $"uid-{name}" },
            Spec = new PodSpec
            {
                Containers = [new Container { Name = "app", Image = "nginx", Resources = requests.Count > 0 ? new() { Requests = requests } : null }],
            },
        };
    }

    public static Pod WithSpec(this Pod pod, Func<PodSpec, PodSpec> change) => pod with { Spec = change(pod.Spec) };

    public static Pod WithTolerations(this Pod pod, params Toleration[] tolerations) => pod.WithSpec(s => s with { Tolerations = [.. tolerations] });

    public static Pod WithHostPorts(this Pod pod, params ContainerPort[] ports) =>
        pod.WithSpec(s => s with { Containers = [s.Containers[0] with { Ports = [.. ports] }] });

    public static Pod OwnedBy(this Pod pod, string controllerUid) =>
        pod with { Metadata = pod.Metadata with { OwnerReferences = [new OwnerReference { Kind = "ReplicaSet", Name = "rs", Uid = controllerUid, Controller = true }] } };

    public static Taint Taint(string key, string? value, string effect) => new() { Key = key, Value = value, Effect = effect };

    /// <summary>A node selector requirement; the values are comma separated.</summary>
    public static NodeSelectorRequirement Requirement(string key, string op, string? values = null) =>
        new() { Key = key, Operator = op, Values = values?.Split(',').ToList() };
}
