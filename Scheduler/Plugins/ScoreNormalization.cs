using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;

namespace EventOrch.Scheduler.Plugins;

/// <summary>Kubernetes' DefaultNormalizeScore for a plugin whose raw score is relative to the other feasible nodes.</summary>
internal sealed class ScoreNormalization(Func<Pod, NodeInfo, long> rawScore, bool reverse)
{
    private sealed record Memo(Pod Pod, IReadOnlyList<NodeInfo> Nodes, int Count, long Max);

    // Score is called once per feasible node with the same pod and list; remembering the last maximum keeps a
    // cycle linear in the number of nodes instead of quadratic.
    private Memo? _last;

    /// <summary>raw × 100 / max over the feasible nodes (100 − that when reversed); when max is 0, 0 (100 when reversed).</summary>
    public long Score(Pod pod, NodeInfo node, IReadOnlyList<NodeInfo> feasibleNodes)
    {
        var max = Max(pod, feasibleNodes);
        if (max == 0) return reverse ? Scheduling.MaxNodeScore : 0;
        var score = Scheduling.MaxNodeScore * rawScore(pod, node) / max;
        return reverse ? Scheduling.MaxNodeScore - score : score;
    }

    /// <summary>The highest raw score over <paramref name="nodes"/>.</summary>
    public long Max(Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && ReferenceEquals(last.Pod, pod) && ReferenceEquals(last.Nodes, nodes) && last.Count == nodes.Count) return last.Max;
        var max = nodes.Count == 0 ? 0 : nodes.Max(n => rawScore(pod, n));
        Volatile.Write(ref _last, new Memo(pod, nodes, nodes.Count, max));
        return max;
    }
}
