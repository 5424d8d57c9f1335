using System.Data;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace EventOrch.Api.Watch;

/// <summary>The watch cache's reads of the event store: events in global sequence order, a consistent snapshot of
/// every live object, and one object's stream.</summary>
public sealed class EventFeed(IDocumentStore store, NpgsqlDataSource dataSource)
{
    private string Schema => store.Options.Events.DatabaseSchemaName;

    /// <summary>Up to <paramref name="limit"/> committed events after <paramref name="sequence"/>, in sequence order,
    /// Marten's tombstones included (they fill the numbers of failed appends).</summary>
    public async Task<IReadOnlyList<IEvent>> ReadAfterAsync(long sequence, int limit, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await EventSequence.PageAsync(session, sequence, long.MaxValue, limit, cancellationToken);
    }

    /// <summary>Which of <paramref name="sequences"/> have been committed.</summary>
    public async Task<IReadOnlyList<long>> CommittedAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select seq_id from {Schema}.mt_events where seq_id = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = sequences.ToArray() });
        return await ReadLongsAsync(command, cancellationToken);
    }

    /// <summary>The newest committed sequence number: where a consistent watch starts.</summary>
    public async Task<long> NewestSequenceAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await EventSequence.NewestAsync(session, cancellationToken);
    }

    /// <summary>The numbers below the newest committed one, within <paramref name="holeWindow"/>, that no committed event
    /// holds (yet): the cheap part of a snapshot, to wait on before taking one.</summary>
    public async Task<IReadOnlyList<long>> HolesAsync(int holeWindow, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await HolesBelowAsync(session, await EventSequence.NewestAsync(session, cancellationToken), holeWindow, cancellationToken);
    }

    /// <summary>Every live object of every kind, and the newest sequence number, read in one snapshot (a repeatable-read
    /// transaction), so the objects are exactly their state at that number; with the numbers below it, within
    /// <paramref name="holeWindow"/>, that no committed event holds (yet).</summary>
    public async Task<StoreSnapshot> LoadSnapshotAsync(IReadOnlyCollection<IWatchedKind> kinds, int holeWindow, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        await using var session = store.QuerySession(Marten.Services.SessionOptions.ForTransaction(transaction));
        var newest = await EventSequence.NewestAsync(session, cancellationToken);
        var holes = await HolesBelowAsync(session, newest, holeWindow, cancellationToken);

        var objects = new List<(IWatchedKind, StoredObject)>();
        foreach (var kind in kinds)
        {
            foreach (var stored in await kind.LoadAsync(session, cancellationToken)) objects.Add((kind, stored));
        }
        await transaction.RollbackAsync(cancellationToken);
        return new StoreSnapshot(newest, holes, objects);
    }

    /// <summary>The object's state after event <paramref name="version"/> of its stream, folded from the stream's start.</summary>
    public async Task<IKubeObject?> RebuildAsync(IWatchedKind kind, Guid streamId, long version, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == streamId && e.Version <= version)
            .OrderBy(e => e.Version)
            .ToListAsync(cancellationToken);
        IKubeObject? current = null;
        foreach (var e in events)
        {
            if (e.Data is IObjectEvent data) current = kind.Apply(current, data, new EventPosition(e.Sequence, e.Version, e.Timestamp));
        }
        return current;
    }

    private async Task<IReadOnlyList<long>> HolesBelowAsync(IQuerySession session, long newest, int holeWindow, CancellationToken cancellationToken) =>
        await session.AdvancedSql.QueryAsync<long>(
            $"select s from generate_series(greatest(? - ?, 0) + 1, ?) s where not exists (select 1 from {Schema}.mt_events e where e.seq_id = s) order by s",
            cancellationToken, newest, (long)holeWindow, newest);

    private static async Task<IReadOnlyList<long>> ReadLongsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var values = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) values.Add(reader.GetInt64(0));
        return values;
    }
}

/// <summary>The store at one sequence number: every live object, and the holes just below it.</summary>
public sealed record StoreSnapshot(long Sequence, IReadOnlyList<long> Holes, IReadOnlyList<(IWatchedKind Kind, StoredObject Stored)> Objects);
