using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;

namespace EventOrch.Scheduler.Plugins;

/// <summary>Keeps pods off nodes whose Ready condition is not True, unless they tolerate the taint Kubernetes would
/// put on such a node (not-ready when False, unreachable when Unknown or missing).</summary>
public sealed class NodeReady : IFilterPlugin
{
    public const string PluginName = "NodeReady";
    public const string NotReadyReason = "node(s) were not ready";
    public const string NotReadyTaintKey = "node.kubernetes.io/not-ready";
    public const string UnreachableTaintKey = "node.kubernetes.io/unreachable";

    private static readonly Taint NotReadyTaint = new() { Key = NotReadyTaintKey, Effect = TaintEffects.NoSchedule };
    private static readonly Taint UnreachableTaint = new() { Key = UnreachableTaintKey, Effect = TaintEffects.NoSchedule };

    public string Name => PluginName;

    public FilterResult Filter(Pod pod, NodeInfo node)
    {
        var status = node.Node.Status?.Conditions?.FirstOrDefault(c => c.Type == NodeConditions.Ready)?.Status;
        if (status == ConditionStatuses.True) return FilterResult.Fit;
        var taint = status == ConditionStatuses.False ? NotReadyTaint : UnreachableTaint;
        return TolerationMatching.AnyTolerates(pod.Spec.Tolerations, taint) ? FilterResult.Fit : FilterResult.Unfit(NotReadyReason);
    }
}
