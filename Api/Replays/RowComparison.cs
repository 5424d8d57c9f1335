using System.Text.Json;

namespace EventOrch.Api.Replays;

/// <summary>A row of a document table: its id and its JSON, as PostgreSQL prints the jsonb.</summary>
public sealed record StoredRow(object Id, string Json);

/// <summary>A row that is on one side only (the other side's JSON is null), or on both with different content.</summary>
public sealed record RowDifference(object Id, string? Live, string? Replayed, IReadOnlyList<string> Paths);

/// <summary>Rows counted on each side of a comparison.</summary>
public readonly record struct RowCounts(long Live, long Replayed, long Differences);

/// <summary>Compares a live table with its rebuilt twin by walking both in id order at once (a merge join), so neither is
/// ever held whole: a million Events compare in constant memory.</summary>
public static class RowComparison
{
    /// <summary>Compares the rows; a live row that differs is compared again as <paramref name="asRead"/> reads it (when
    /// given), so members no reader sees (left by an older build) are no difference.</summary>
    public static async Task<RowCounts> CompareAsync(IAsyncEnumerable<StoredRow> live, IAsyncEnumerable<StoredRow> replayed,
        Action<RowDifference> report, CancellationToken cancellationToken, Func<string, string>? asRead = null)
    {
        await using var l = live.GetAsyncEnumerator(cancellationToken);
        await using var r = replayed.GetAsyncEnumerator(cancellationToken);
        long liveCount = 0, replayedCount = 0, differences = 0;
        var hasLive = await l.MoveNextAsync();
        var hasReplayed = await r.MoveNextAsync();
        while (hasLive || hasReplayed)
        {
            var order = !hasLive ? 1 : !hasReplayed ? -1 : RowIds.Compare(l.Current.Id, r.Current.Id);
            if (order < 0)
            {
                report(new RowDifference(l.Current.Id, l.Current.Json, null, []));
                differences++;
                liveCount++;
                hasLive = await l.MoveNextAsync();
            }
            else if (order > 0)
            {
                report(new RowDifference(r.Current.Id, null, r.Current.Json, []));
                differences++;
                replayedCount++;
                hasReplayed = await r.MoveNextAsync();
            }
            else
            {
                if (Differ(l.Current.Json, r.Current.Json) is { Count: > 0 } stored
                    && (asRead is null ? stored : Differ(asRead(l.Current.Json), r.Current.Json)) is { Count: > 0 } paths)
                {
                    report(new RowDifference(l.Current.Id, l.Current.Json, r.Current.Json, paths));
                    differences++;
                }
                liveCount++;
                replayedCount++;
                hasLive = await l.MoveNextAsync();
                hasReplayed = await r.MoveNextAsync();
            }
        }
        return new RowCounts(liveCount, replayedCount, differences);
    }

    /// <summary>The paths where two rows differ; the same text (PostgreSQL prints equal jsonb alike) needs no parsing.</summary>
    public static IReadOnlyList<string> Differ(string live, string replayed)
    {
        if (string.Equals(live, replayed, StringComparison.Ordinal)) return [];
        using var a = JsonDocument.Parse(live);
        using var b = JsonDocument.Parse(replayed);
        return JsonDifferences.Between(a.RootElement, b.RootElement);
    }
}

/// <summary>The order PostgreSQL sorts ids in, for the merge join: uuids byte by byte (as their text reads), numbers by
/// value, text by code point (the query sorts text ids with <c>COLLATE "C"</c>).</summary>
public static class RowIds
{
    public static int Compare(object a, object b) => (a, b) switch
    {
        (Guid x, Guid y) => CompareGuids(x, y),
        (long x, long y) => x.CompareTo(y),
        (int x, int y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        _ => throw new ArgumentException($"ids of types {a.GetType().Name} and {b.GetType().Name} cannot be ordered together"),
    };

    private static int CompareGuids(Guid x, Guid y)
    {
        Span<byte> left = stackalloc byte[16];
        Span<byte> right = stackalloc byte[16];
        x.TryWriteBytes(left, bigEndian: true, out _);
        y.TryWriteBytes(right, bigEndian: true, out _);
        return left.SequenceCompareTo(right);
    }
}
