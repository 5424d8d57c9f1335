using System.Text.Json;
using EventOrch.Contracts.Model;
using Marten;

namespace EventOrch.Api.Replays;

/// <summary>Compares every rebuilt table with its live twin, row by row in id order: the live rows as the replay's
/// snapshot shows them, the rebuilt ones as written. Each difference names its object from whichever row exists (the
/// rebuilt one when both do: it is the one the record vouches for).</summary>
public static class ReplayVerification
{
    public static async Task<ReplayStatus> VerifyAsync(ReplaySnapshot snapshot, ReplaySchema replay, IDocumentStore live,
        IReadOnlyList<IReplayedProjection> projections, ReplayStatus status, int maxDifferences, CancellationToken cancellationToken)
    {
        var listed = new List<ReplayDifference>();
        long total = 0;
        var tables = new List<ReplayedProjection>();
        for (var i = 0; i < projections.Count; i++)
        {
            var projection = projections[i];
            var table = status.Projections[i];
            var counts = await RowComparison.CompareAsync(
                snapshot.RowsAsync(projection.Table.SelectRows(live.Options), cancellationToken),
                replay.RowsAsync(projection.Table.SelectRows(replay.Options), cancellationToken),
                difference =>
                {
                    if (listed.Count < maxDifferences) listed.Add(Describe(projection, table.Table, difference));
                },
                cancellationToken, projection.Table.AsRead(live.Options));
            total += counts.Differences;
            tables.Add(table with { Live = counts.Live, Differences = counts.Differences });
        }
        return status with
        {
            Projections = tables,
            Equal = total == 0,
            DifferenceCount = total,
            DifferencesTruncated = total > listed.Count,
            Differences = listed,
        };
    }

    public static ReplayDifference Describe(IReplayedProjection projection, string table, RowDifference difference)
    {
        using var row = JsonDocument.Parse(difference.Replayed ?? difference.Live!);
        var subject = projection.Describe(row.RootElement);
        return new ReplayDifference
        {
            Table = table,
            Kind = projection.Kind,
            Namespace = subject.Namespace,
            Name = subject.Name,
            Uid = subject.Uid,
            Id = Convert.ToString(difference.Id, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            Type = difference switch
            {
                { Live: null } => ReplayDifferenceTypes.MissingFromLive,
                { Replayed: null } => ReplayDifferenceTypes.MissingFromReplay,
                _ => ReplayDifferenceTypes.Changed,
            },
            Paths = difference.Paths.Count > 0 ? [.. difference.Paths] : null,
        };
    }
}
