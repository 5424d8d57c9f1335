using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;

namespace EventOrch.Scheduler.Plugins;

/// <summary>Every NoSchedule and NoExecute taint of the node must be tolerated by the pod.</summary>
public sealed class TaintToleration : IFilterPlugin
{
    public const string PluginName = "TaintToleration";

    public string Name => PluginName;

    /// <summary>Kubernetes' reason, naming the first taint the pod does not tolerate.</summary>
    public static string UntoleratedTaintReason(Taint taint) => $"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}";

    public FilterResult Filter(Pod pod, NodeInfo node)
    {
        var untolerated = node.Node.Spec.Taints?.FirstOrDefault(taint =>
            taint.Effect is TaintEffects.NoSchedule or TaintEffects.NoExecute
            && !TolerationMatching.AnyTolerates(pod.Spec.Tolerations, taint));
        return untolerated is null ? FilterResult.Fit : FilterResult.Unfit(UntoleratedTaintReason(untolerated));
    }
}
