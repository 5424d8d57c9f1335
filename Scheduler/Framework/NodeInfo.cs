using System.Runtime.CompilerServices;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Scheduler.Framework;

/// <summary>Amounts of the resources the scheduler accounts for.</summary>
public readonly record struct ResourceAmounts(long MilliCpu, long MemoryBytes, long Pods)
{
    public static ResourceAmounts operator +(ResourceAmounts a, ResourceAmounts b) =>
        new(a.MilliCpu + b.MilliCpu, a.MemoryBytes + b.MemoryBytes, a.Pods + b.Pods);

    /// <summary>Reads cpu, memory and pods from a Kubernetes resource list; a missing or unparseable entry is 0.</summary>
    public static ResourceAmounts From(IReadOnlyDictionary<string, string>? resources) => new(
        Read(resources, "cpu", q => q.MilliValue),
        Read(resources, "memory", q => q.ValueCeiling),
        Read(resources, "pods", q => q.ValueCeiling));

    /// <summary>What a pod requests: the sum over its containers, or the largest init container when that is more
    /// (as Kubernetes computes it); every pod counts one against the node's pod limit.</summary>
    public static ResourceAmounts RequestedBy(Pod pod) => Memo.GetValue(pod, static p => new StrongBox<ResourceAmounts>(Sum(p))).Value;

    // Remembered per pod object: a cycle asks once per node, and a NodeInfo rebuild once per pod on it.
    private static readonly ConditionalWeakTable<Pod, StrongBox<ResourceAmounts>> Memo = new();

    private static ResourceAmounts Sum(Pod pod)
    {
        var sum = new ResourceAmounts(0, 0, 0);
        foreach (var container in pod.Spec.Containers) sum += From(container.Resources?.Requests);
        foreach (var init in pod.Spec.InitContainers ?? [])
        {
            var r = From(init.Resources?.Requests);
            sum = new ResourceAmounts(Math.Max(sum.MilliCpu, r.MilliCpu), Math.Max(sum.MemoryBytes, r.MemoryBytes), 0);
        }
        return sum with { Pods = 1 };
    }

    private static long Read(IReadOnlyDictionary<string, string>? resources, string name, Func<Quantity, long> value) =>
        resources is not null && resources.TryGetValue(name, out var text) && Quantity.TryParse(text, out var q, out _) ? value(q) : 0;
}

/// <summary>A host port in use on a node.</summary>
public readonly record struct HostPort(string HostIp, int Port, string Protocol);

/// <summary>A node as the scheduler sees it: the node, the pods bound (or assumed bound) to it, and what they use.</summary>
public sealed class NodeInfo
{
    private NodeInfo(Node node, IReadOnlyList<Pod> pods)
    {
        Node = node;
        Pods = pods;
        Allocatable = ResourceAmounts.From(node.Status?.Allocatable);
        Requested = pods.Aggregate(new ResourceAmounts(0, 0, 0), (sum, pod) => sum + ResourceAmounts.RequestedBy(pod));
        NonZeroRequested = pods.Aggregate(new ResourceAmounts(0, 0, 0), (sum, pod) => sum + NonZeroRequests.Of(pod));
        UsedHostPorts = pods
            .SelectMany(p => p.Spec.Containers.SelectMany(c => c.Ports ?? []))
            .Where(p => p.HostPort is > 0)
            .Select(p => new HostPort(string.IsNullOrEmpty(p.HostIP) ? "0.0.0.0" : p.HostIP, p.HostPort!.Value, p.Protocol ?? "TCP"))
            .ToHashSet();
    }

    public Node Node { get; }
    public string Name => Node.Metadata.Name!;
    public IReadOnlyList<Pod> Pods { get; }
    public ResourceAmounts Allocatable { get; }
    public ResourceAmounts Requested { get; }

    /// <summary>What the pods request for scoring, with Kubernetes' defaults for a missing cpu or memory request.</summary>
    public ResourceAmounts NonZeroRequested { get; }
    public IReadOnlySet<HostPort> UsedHostPorts { get; }

    public static NodeInfo Create(Node node, IEnumerable<Pod> pods) => new(node, pods.ToList());

    /// <summary>This node with one more pod on it (a pod the scheduler has just placed).</summary>
    public NodeInfo WithPod(Pod pod) => new(Node, [.. Pods, pod]);
}
