using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;

namespace EventOrch.Scheduler.Plugins;

/// <summary>Prefers nodes with fewer PreferNoSchedule taints the pod does not tolerate.</summary>
public sealed class TaintTolerationScore : IScorePlugin
{
    public const string PluginName = "TaintTolerationScore";

    private readonly ScoreNormalization _normalization = new(CountIntolerable, reverse: true);

    public string Name => PluginName;

    public long Score(Pod pod, NodeInfo node, IReadOnlyList<NodeInfo> feasibleNodes) => _normalization.Score(pod, node, feasibleNodes);

    private static long CountIntolerable(Pod pod, NodeInfo node) =>
        node.Node.Spec.Taints?.Count(taint =>
            taint.Effect == TaintEffects.PreferNoSchedule && !TolerationMatching.AnyTolerates(pod.Spec.Tolerations, taint)) ?? 0;
}
