using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;

namespace EventOrch.Scheduler.Plugins;

/// <summary>Prefers nodes running fewer pods of the pod's controller (same controller owner uid), so that one replica
/// set's pods do not share a node when others are free (Kubernetes' SelectorSpread, by owner instead of selector).</summary>
public sealed class OwnerSpread : IScorePlugin
{
    public const string PluginName = "OwnerSpread";

    private readonly ScoreNormalization _siblings = new(CountSiblings, reverse: true);

    public string Name => PluginName;

    /// <summary>100 × (max − siblings on this node) / max over the feasible nodes; 100 everywhere when max is 0.</summary>
    public long Score(Pod pod, NodeInfo node, IReadOnlyList<NodeInfo> feasibleNodes)
    {
        // Not DefaultNormalizeScore (100 − 100 × count / max): SelectorSpread rounds down the share of free room.
        var max = _siblings.Max(pod, feasibleNodes);
        return max == 0 ? Scheduling.MaxNodeScore : Scheduling.MaxNodeScore * (max - CountSiblings(pod, node)) / max;
    }

    private static long CountSiblings(Pod pod, NodeInfo node)
    {
        var owner = ControllerUid(pod);
        if (owner is null) return 0;
        return node.Pods.Count(p =>
            p.Metadata.DeletionTimestamp is null
            && p.Metadata.Namespace == pod.Metadata.Namespace
            && ControllerUid(p) == owner);
    }

    private static string? ControllerUid(Pod pod) =>
        pod.Metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true && !string.IsNullOrEmpty(r.Uid))?.Uid;
}
