using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;

namespace EventOrch.Scheduler.Plugins;

/// <summary>Prefers nodes with the least cpu and memory left after placing the pod (bin packing).</summary>
public sealed class NodeResourcesMostAllocated : IScorePlugin
{
    public const string PluginName = "NodeResourcesMostAllocated";

    public string Name => PluginName;

    // Defaulted requests of pods without requests can exceed what is allocatable; such a node counts as full.
    public long Score(Pod pod, NodeInfo node, IReadOnlyList<NodeInfo> feasibleNodes) =>
        ResourceAllocation.Score(pod, node, static (requested, allocatable) =>
            Math.Min(requested, allocatable) * Scheduling.MaxNodeScore / allocatable);
}
