using EventOrch.Contracts.Selectors;
using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;

namespace EventOrch.Scheduler.Plugins;

/// <summary>Prefers nodes matching more (by weight) of the pod's preferred node affinity terms.</summary>
public sealed class NodeAffinityScore : IScorePlugin
{
    public const string PluginName = "NodeAffinityScore";

    private readonly ScoreNormalization _normalization = new(SumOfMatchingWeights, reverse: false);

    public string Name => PluginName;

    /// <summary>The weights of the matching terms, × 100 / the highest such sum over the feasible nodes.</summary>
    public long Score(Pod pod, NodeInfo node, IReadOnlyList<NodeInfo> feasibleNodes) => _normalization.Score(pod, node, feasibleNodes);

    private static long SumOfMatchingWeights(Pod pod, NodeInfo node) =>
        pod.Spec.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution?
            .Where(term => term.Weight > 0 && NodeSelectorMatching.MatchesTerm(term.Preference, node.Node))
            .Sum(term => (long)term.Weight) ?? 0;
}
