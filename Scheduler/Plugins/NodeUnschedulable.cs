using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;

namespace EventOrch.Scheduler.Plugins;

/// <summary>Keeps pods off cordoned nodes (spec.unschedulable) unless they tolerate the unschedulable taint.</summary>
public sealed class NodeUnschedulable : IFilterPlugin
{
    public const string PluginName = "NodeUnschedulable";
    public const string UnschedulableReason = "node(s) were unschedulable";

    private static readonly Taint UnschedulableTaint = new() { Key = WellKnownLabels.Unschedulable, Effect = TaintEffects.NoSchedule };

    public string Name => PluginName;

    public FilterResult Filter(Pod pod, NodeInfo node) =>
        node.Node.Spec.Unschedulable != true || TolerationMatching.AnyTolerates(pod.Spec.Tolerations, UnschedulableTaint)
            ? FilterResult.Fit
            : FilterResult.Unfit(UnschedulableReason);
}
