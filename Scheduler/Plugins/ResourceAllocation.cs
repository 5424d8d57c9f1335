using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;

namespace EventOrch.Scheduler.Plugins;

/// <summary>Kubernetes' resourceAllocationScorer for cpu and memory, weighted equally; a resource the node does not
/// report (allocatable 0) is left out of the average.</summary>
internal static class ResourceAllocation
{
    public static long Score(Pod pod, NodeInfo node, Func<long, long, long> resourceScore)
    {
        var requested = NonZeroRequests.OnNodeWith(node, pod);
        long sum = 0, count = 0;
        if (node.Allocatable.MilliCpu > 0)
        {
            sum += resourceScore(requested.MilliCpu, node.Allocatable.MilliCpu);
            count++;
        }
        if (node.Allocatable.MemoryBytes > 0)
        {
            sum += resourceScore(requested.MemoryBytes, node.Allocatable.MemoryBytes);
            count++;
        }
        return count == 0 ? 0 : sum / count;
    }
}
