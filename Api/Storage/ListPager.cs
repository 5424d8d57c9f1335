namespace EventOrch.Api.Storage;

/// <summary>Reads a list in key order, batch by batch, keeping the records that match, until it holds a page and knows
/// whether more remain.</summary>
public static class ListPager
{
    // Selectors are checked on the records, so a batch reads more than the page still needs.
    private const int MinimumBatch = 100;

    /// <summary>The records after <paramref name="after"/> that match, at most <paramref name="limit"/> of them (every one
    /// when it is not positive); <paramref name="read"/> reads up to a number of records after a key, in key order (all
    /// of them when the number is int.MaxValue).</summary>
    public static async Task<ListPage<TRecord>> ReadAsync<TRecord, TKey>(TKey after, int? limit,
        Func<TKey, int, Task<IReadOnlyList<TRecord>>> read, Func<TRecord, TKey> keyOf, Func<TRecord, bool> matches)
    {
        var size = limit is > 0 ? limit.Value : int.MaxValue;
        var items = new List<TRecord>();
        while (true)
        {
            var batchSize = size == int.MaxValue ? int.MaxValue : Math.Max(MinimumBatch, (size - items.Count + 1) * 2);
            var batch = await read(after, batchSize);
            foreach (var record in batch)
            {
                after = keyOf(record);
                if (!matches(record)) continue;
                if (items.Count == size) return new ListPage<TRecord>(items, More: true);
                items.Add(record);
            }
            if (batch.Count < batchSize) return new ListPage<TRecord>(items, More: false);
        }
    }
}

/// <summary>One page of a list, and whether more records match after its last.</summary>
public sealed record ListPage<TRecord>(IReadOnlyList<TRecord> Items, bool More);
