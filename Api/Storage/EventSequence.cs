using JasperFx.Events;
using Marten;

namespace EventOrch.Api.Storage;

/// <summary>The event store's global sequence.</summary>
public static class EventSequence
{
    /// <summary>The sequence number of the newest committed event (0 when there is none): the resourceVersion of a list,
    /// and where a consistent watch starts. Read in <paramref name="session"/>'s transaction when it has one.</summary>
    public static async Task<long> NewestAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var rows = await session.AdvancedSql.QueryAsync<long>($"select coalesce(max(seq_id), 0) from {schema}.mt_events", cancellationToken);
        return rows.FirstOrDefault();
    }

    /// <summary>Up to <paramref name="limit"/> committed events with a sequence in (<paramref name="after"/>,
    /// <paramref name="through"/>], oldest first, Marten's tombstones included (they fill the numbers of failed appends):
    /// a page of the record, for the readers that go through it in order. Read in <paramref name="session"/>'s transaction
    /// when it has one.</summary>
    public static async Task<IReadOnlyList<IEvent>> PageAsync(IQuerySession session, long after, long through, int limit,
        CancellationToken cancellationToken) =>
        await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > after && e.Sequence <= through)
            .OrderBy(e => e.Sequence)
            .Take(limit)
            .ToListAsync(cancellationToken);
}
