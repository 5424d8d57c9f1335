using EventOrch.Contracts.Model;

namespace EventOrch.Scheduler.Framework;

/// <summary>One scheduling cycle, as Kubernetes' scheduleOne: filter every node, score the feasible ones, pick the best.</summary>
public static class Scheduling
{
    public const int MaxNodeScore = 100;

    public static ScheduleResult Schedule(Pod pod, IReadOnlyList<NodeInfo> nodes, SchedulingProfile profile)
    {
        var feasible = new List<NodeInfo>(nodes.Count);
        var unfit = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var reasons = RunFilters(pod, node, profile.Filters);
            if (reasons is null) feasible.Add(node);
            else unfit[node.Name] = reasons;
        }
        if (feasible.Count == 0) return ScheduleResult.Unschedulable(nodes.Count, unfit);
        // As in Kubernetes, a single feasible node needs no scoring.
        if (feasible.Count == 1) return ScheduleResult.Bound(feasible[0].Name, unfit);

        var podKey = pod.Metadata.Uid ?? $"{pod.Metadata.Namespace}/{pod.Metadata.Name}";
        NodeInfo? best = null;
        long bestScore = -1;
        ulong bestTieBreak = 0;
        foreach (var node in feasible)
        {
            var score = TotalScore(pod, node, feasible, profile.Scores);
            var tieBreak = StableHash(podKey, node.Name);
            if (score > bestScore || (score == bestScore && tieBreak < bestTieBreak))
            {
                (best, bestScore, bestTieBreak) = (node, score, tieBreak);
            }
        }
        return ScheduleResult.Bound(best!.Name, unfit);
    }

    /// <summary>The reasons of the first filter that rejects the node (Kubernetes stops there), or null when all pass.</summary>
    private static IReadOnlyList<string>? RunFilters(Pod pod, NodeInfo node, IReadOnlyList<IFilterPlugin> filters)
    {
        foreach (var filter in filters)
        {
            var result = filter.Filter(pod, node);
            if (result.Fits) continue;
            var reasons = FilterReasons.Of(result);
            return reasons.Count > 0 ? reasons : [$"node(s) were rejected by {filter.Name}"];
        }
        return null;
    }

    private static long TotalScore(Pod pod, NodeInfo node, IReadOnlyList<NodeInfo> feasible, IReadOnlyList<WeightedScorePlugin> scores)
    {
        long total = 0;
        foreach (var (plugin, weight) in scores)
        {
            var score = plugin.Score(pod, node, feasible);
            if (score is < 0 or > MaxNodeScore)
            {
                throw new InvalidOperationException($"Score plugin {plugin.Name} returned {score} for node {node.Name}; scores are 0..{MaxNodeScore}.");
            }
            total += score * weight;
        }
        return total;
    }

    // Ties go to the node with the smallest hash of (pod, node): stable for one pod, different from pod to pod,
    // so equal nodes share the load instead of the first one in the list taking every pod.
    private static ulong StableHash(string podKey, string nodeName)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in podKey) hash = (hash ^ c) * 1099511628211UL;
        hash = (hash ^ '/') * 1099511628211UL;
        foreach (var c in nodeName) hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }
}
