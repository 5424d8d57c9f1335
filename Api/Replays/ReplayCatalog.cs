using EventOrch.Api.KubeEvents;
using Marten;

namespace EventOrch.Api.Replays;

/// <summary>The one place that says what a replay rebuilds. Every kind's current-state table comes by itself: its
/// <see cref="Storage.ObjectProjection{T}"/>, registered by <c>MartenSetup.AddKind</c>, knows how it is replayed. Any
/// other projection is listed here under the name Marten knows it by, one line each; a projection registered without a
/// line is reported by <see cref="For"/>, which makes the replay refuse to start rather than claim an equality it did not
/// check.</summary>
public static class ReplayCatalog
{
    private static readonly Dictionary<string, IReplayedProjection> ByProjectionName = new(StringComparer.Ordinal)
    {
        [KubeEventProjection.Name] = KubeEventReplay.Definition,
    };

    /// <summary>Projections a replay does not rebuild yet, with why; named here so that leaving one out is a decision
    /// on the record, not an oversight.</summary>
    public static IReadOnlyDictionary<string, string> NotReplayed { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Its rows are a table of its own (Api/Audit/AuditTable), not Marten documents, which is what a replay writes
        // and compares; each row is a pure function of one mt_events row (AuditIndexProjection.Entry).
        [Audit.AuditIndexProjection.Name] = "the audit index (eo_audit_events) is a plain table, not Marten documents; not rebuilt yet",
    };

    /// <summary>Tables kept beside the events though no projection makes them, checked against what the record implies.</summary>
    private static readonly IReplayedProjection[] Derived = [NodePortClaimsReplay.Definition];

    /// <summary>What a replay of a store configured with <paramref name="options"/> rebuilds, and the names of the
    /// projections it would not.</summary>
    public static (IReadOnlyList<IReplayedProjection> Replayed, IReadOnlyList<string> Unknown) For(StoreOptions options)
    {
        var replayed = new List<IReplayedProjection>();
        var unknown = new List<string>();
        foreach (var projection in options.Projections.All)
        {
            if (projection is IReplayableProjection replayable) replayed.Add(replayable.ForReplay());
            else if (ByProjectionName.TryGetValue(projection.Name, out var known)) replayed.Add(known);
            else if (!NotReplayed.ContainsKey(projection.Name)) unknown.Add(projection.Name);
        }
        replayed.AddRange(Derived);
        return (replayed, unknown);
    }
}
