using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;

namespace EventOrch.Scheduler.Plugins;

/// <summary>Prefers nodes with the most cpu and memory left after placing the pod (spreading).</summary>
public sealed class NodeResourcesLeastAllocated : IScorePlugin
{
    public const string PluginName = "NodeResourcesLeastAllocated";

    public string Name => PluginName;

    public long Score(Pod pod, NodeInfo node, IReadOnlyList<NodeInfo> feasibleNodes) =>
        ResourceAllocation.Score(pod, node, static (requested, allocatable) =>
            requested > allocatable ? 0 : (allocatable - requested) * Scheduling.MaxNodeScore / allocatable);
}
