using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;

namespace EventOrch.Scheduler.Plugins;

/// <summary>Does the node have the cpu, memory and pod slots the pod requests, on top of what its pods already request?</summary>
public sealed class NodeResourcesFit : IFilterPlugin
{
    public const string PluginName = "NodeResourcesFit";
    public const string TooManyPodsReason = "Too many pods";
    public const string InsufficientCpuReason = "Insufficient cpu";
    public const string InsufficientMemoryReason = "Insufficient memory";

    public string Name => PluginName;

    /// <summary>Every shortage is its own reason, so "0/3 nodes are available" counts each resource separately.</summary>
    public FilterResult Filter(Pod pod, NodeInfo node)
    {
        var request = ResourceAmounts.RequestedBy(pod);
        var allocatable = node.Allocatable;
        var requested = node.Requested;
        var reasons = new List<string>(3);
        if (node.Pods.Count + 1 > allocatable.Pods) reasons.Add(TooManyPodsReason);
        if (request.MilliCpu > 0 && request.MilliCpu > allocatable.MilliCpu - requested.MilliCpu) reasons.Add(InsufficientCpuReason);
        if (request.MemoryBytes > 0 && request.MemoryBytes > allocatable.MemoryBytes - requested.MemoryBytes) reasons.Add(InsufficientMemoryReason);
        return reasons.Count == 0 ? FilterResult.Fit : FilterReasons.Unfit(reasons);
    }
}
