using EventOrch.Contracts.Selectors;
using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;

namespace EventOrch.Scheduler.Plugins;

/// <summary>spec.nodeSelector and required node affinity: the node must carry every selected label and match one
/// of the required terms.</summary>
public sealed class NodeAffinity : IFilterPlugin
{
    public const string PluginName = "NodeAffinity";
    public const string MismatchReason = "node(s) didn't match Pod's node affinity/selector";

    public string Name => PluginName;

    public FilterResult Filter(Pod pod, NodeInfo node)
    {
        var required = pod.Spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        var matches = NodeSelectorMatching.MatchesNodeSelector(pod.Spec.NodeSelector, node.Node)
            && (required is null || NodeSelectorMatching.MatchesAnyTerm(required.NodeSelectorTerms, node.Node));
        return matches ? FilterResult.Fit : FilterResult.Unfit(MismatchReason);
    }
}
