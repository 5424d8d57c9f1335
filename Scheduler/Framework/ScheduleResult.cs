using System.Diagnostics.CodeAnalysis;

namespace EventOrch.Scheduler.Framework;

/// <summary>Where a pod goes, or why it fits nowhere (Kubernetes' FitError message and the reasons per node).</summary>
public sealed record ScheduleResult
{
    public const string NoNodesAvailable = "no nodes available to schedule pods";

    private ScheduleResult(string? nodeName, string? message, IReadOnlyDictionary<string, IReadOnlyList<string>> unfitNodes)
    {
        NodeName = nodeName;
        Message = message;
        UnfitNodes = unfitNodes;
    }

    /// <summary>The chosen node; null when the pod fits nowhere.</summary>
    public string? NodeName { get; }

    /// <summary>Why the pod fits nowhere, e.g. "0/3 nodes are available: 3 Insufficient cpu."; null when scheduled.</summary>
    public string? Message { get; }

    /// <summary>Each node the pod does not fit, with the reasons of the first filter that rejected it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> UnfitNodes { get; }

    [MemberNotNullWhen(true, nameof(NodeName))]
    [MemberNotNullWhen(false, nameof(Message))]
    public bool Scheduled => NodeName is not null;

    public static ScheduleResult Bound(string nodeName, IReadOnlyDictionary<string, IReadOnlyList<string>> unfitNodes) =>
        new(nodeName, null, unfitNodes);

    /// <summary>A pod that fits none of <paramref name="nodeCount"/> nodes, with the message Kubernetes' FitError.Error() writes:
    /// a count per reason, the "count reason" strings sorted ordinally.</summary>
    public static ScheduleResult Unschedulable(int nodeCount, IReadOnlyDictionary<string, IReadOnlyList<string>> unfitNodes)
    {
        if (nodeCount == 0) return new(null, NoNodesAvailable, unfitNodes);
        var histogram = unfitNodes.Values
            .SelectMany(reasons => reasons)
            .CountBy(reason => reason, StringComparer.Ordinal)
            .Select(entry => $"{entry.Value} {entry.Key}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var message = $"0/{nodeCount} nodes are available";
        message += histogram.Count == 0 ? ":" : $": {string.Join(", ", histogram)}.";
        return new(null, message, unfitNodes);
    }
}
