using EventOrch.Api.Audit;
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
        [AuditIndexProjection.Name] = AuditIndexReplay.Definition,
    };

    /// <summary>Tables kept beside the events though no projection makes them, checked against what the record implies.</summary>
    private static readonly IReplayedProjection[] Derived = [NodePortClaimsReplay.Definition];

    /// <summary>What a replay of a store configured with <paramref name="options"/> rebuilds, and the names of the
    /// projections it could not.</summary>
    public static (IReadOnlyList<IReplayedProjection> Replayed, IReadOnlyList<string> Unknown) For(StoreOptions options)
    {
        var replayed = new List<IReplayedProjection>();
        var unknown = new List<string>();
        foreach (var projection in options.Projections.All)
        {
            if (projection is IReplayableProjection replayable) replayed.Add(replayable.ForReplay());
            else if (ByProjectionName.TryGetValue(projection.Name, out var known)) replayed.Add(known);
            else unknown.Add(projection.Name);
        }
        replayed.AddRange(Derived);
        return (replayed, unknown);
    }
}
