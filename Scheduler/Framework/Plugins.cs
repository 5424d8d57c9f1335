using EventOrch.Contracts.Model;

namespace EventOrch.Scheduler.Framework;

/// <summary>Whether a pod fits a node, and if not, why (Kubernetes' wording, e.g. "Insufficient cpu").</summary>
public readonly record struct FilterResult(bool Fits, string? Reason = null)
{
    public static FilterResult Fit { get; } = new(true);
    public static FilterResult Unfit(string reason) => new(false, reason);
}

/// <summary>A filter plugin: can this pod run on this node at all?</summary>
public interface IFilterPlugin
{
    string Name { get; }
    FilterResult Filter(Pod pod, NodeInfo node);
}

/// <summary>A score plugin: how good a place for this pod is this node, from 0 (worst) to 100 (best).</summary>
public interface IScorePlugin
{
    string Name { get; }
    long Score(Pod pod, NodeInfo node, IReadOnlyList<NodeInfo> feasibleNodes);
}
