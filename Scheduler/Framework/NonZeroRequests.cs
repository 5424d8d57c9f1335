using System.Runtime.CompilerServices;
using EventOrch.Contracts.Model;

namespace EventOrch.Scheduler.Framework;

/// <summary>A pod's requests for scoring, where a container without a cpu or memory request counts Kubernetes'
/// defaults, so that pods without requests still spread instead of piling onto one "empty" node.</summary>
internal static class NonZeroRequests
{
    public const long DefaultMilliCpu = 100;
    public const long DefaultMemoryBytes = 200L * 1024 * 1024;

    private static readonly ConditionalWeakTable<Pod, StrongBox<ResourceAmounts>> Memo = new();

    /// <summary>Remembered per pod object: a cycle asks once per node, and a NodeInfo rebuild once per pod on it.</summary>
    public static ResourceAmounts Of(Pod pod) => Memo.GetValue(pod, static p => new StrongBox<ResourceAmounts>(Compute(p))).Value;

    private static ResourceAmounts Compute(Pod pod)
    {
        var sum = new ResourceAmounts(0, 0, 1);
        foreach (var container in pod.Spec.Containers) sum += Of(container);
        foreach (var init in pod.Spec.InitContainers ?? [])
        {
            var r = Of(init);
            sum = sum with { MilliCpu = Math.Max(sum.MilliCpu, r.MilliCpu), MemoryBytes = Math.Max(sum.MemoryBytes, r.MemoryBytes) };
        }
        return sum;
    }

    /// <summary>The non-zero requests of <paramref name="pod"/> plus those of every pod already on <paramref name="node"/>.</summary>
    public static ResourceAmounts OnNodeWith(NodeInfo node, Pod pod) => node.NonZeroRequested + Of(pod);

    // Only a missing request is defaulted; an explicit 0 stays 0, as in Kubernetes.
    private static ResourceAmounts Of(Container container)
    {
        var requests = container.Resources?.Requests;
        var amounts = ResourceAmounts.From(requests);
        return new ResourceAmounts(
            requests?.ContainsKey("cpu") == true ? amounts.MilliCpu : DefaultMilliCpu,
            requests?.ContainsKey("memory") == true ? amounts.MemoryBytes : DefaultMemoryBytes,
            0);
    }
}
