using System.Data;
using System.Runtime.CompilerServices;
using EventOrch.Api.Storage;
using JasperFx.Events;
using Marten;
using Npgsql;
using SessionOptions = Marten.Services.SessionOptions;

namespace EventOrch.Api.Replays;

/// <summary>One REPEATABLE READ, read-only transaction that a replay reads everything live through: the events it folds
/// and the live rows it compares with. Inline projections commit with their events, so in one snapshot the live tables
/// are exactly the fold of the events that snapshot shows: writes that commit meanwhile are in neither, and cause no
/// difference. The snapshot is exported, so that readers on other connections (<see cref="OpenReaderAsync"/>) read the
/// events in parallel from the very same state. Reading takes no lock that a write waits for; the price of a long
/// snapshot is that VACUUM keeps the row versions it may still see until it ends.</summary>
public sealed class ReplaySnapshot : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _exported;

    private ReplaySnapshot(NpgsqlDataSource dataSource, NpgsqlConnection connection, NpgsqlTransaction transaction, string exported, long through)
    {
        _dataSource = dataSource;
        _connection = connection;
        _transaction = transaction;
        _exported = exported;
        Through = through;
    }

    /// <summary>The newest event the snapshot holds (0 for an empty record).</summary>
    public long Through { get; }

    /// <summary>Opens the snapshot, or returns null when another replay of the same event store holds it: one at a time
    /// is enough, whichever Api instance runs it.</summary>
    public static async Task<ReplaySnapshot?> OpenAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await ExecuteAsync(connection, transaction, "set transaction read only", cancellationToken);
            // The first query takes the snapshot; the lock is released with the transaction.
            await using (var lockCommand = new NpgsqlCommand("select pg_try_advisory_xact_lock(@key)", connection, transaction))
            {
                lockCommand.Parameters.AddWithValue("key", LockKey(schema));
                if (!(bool)(await lockCommand.ExecuteScalarAsync(cancellationToken))!)
                {
                    await connection.DisposeAsync();
                    return null;
                }
            }
            await using var newest = new NpgsqlCommand(
                $"select pg_export_snapshot(), coalesce((select max(seq_id) from {schema}.mt_events), 0)", connection, transaction);
            await using var reader = await newest.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var (exported, through) = (reader.GetString(0), reader.GetInt64(1));
            return new ReplaySnapshot(dataSource, connection, transaction, exported, through);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A reader of events on a connection of its own, in a transaction that sees exactly this snapshot.</summary>
    public async Task<SnapshotReader> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await ExecuteAsync(connection, transaction, $"set transaction read only; set transaction snapshot '{_exported}'", cancellationToken);
            return new SnapshotReader(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The rows of a live table as <paramref name="select"/> reads them (see <see cref="IReplayedTable.SelectRows"/>).</summary>
    public IAsyncEnumerable<StoredRow> RowsAsync(string select, CancellationToken cancellationToken) =>
        ReadRowsAsync(_connection, _transaction, select, cancellationToken);

    /// <summary>The rows <paramref name="select"/> reads, each as its id and its JSON as PostgreSQL prints it, which is the
    /// same text for the same value.</summary>
    public static async IAsyncEnumerable<StoredRow> ReadRowsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string select,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(select, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return new StoredRow(reader.GetValue(0), reader.GetString(1));
    }

    public async ValueTask DisposeAsync()
    {
        // Nothing was written: ending the transaction either way releases the snapshot and the lock.
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // A stable 64-bit key per event store schema (FNV-1a): replays of two schemas in one database do not wait for each other.
    private static long LockKey(string schema)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in "eventorch-replay:" + schema)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return unchecked((long)hash);
    }
}

/// <summary>Reads events from a <see cref="ReplaySnapshot"/> on a connection of its own.</summary>
public sealed class SnapshotReader(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    /// <summary>The events with a sequence in (<paramref name="after"/>, <paramref name="through"/>], oldest first, read
    /// and typed by <paramref name="store"/> as any other read of the record.</summary>
    public async Task<IReadOnlyList<IEvent>> RangeAsync(IDocumentStore store, long after, long through, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession(SessionOptions.ForTransaction(transaction));
        return await EventSequence.PageAsync(session, after, through, (int)(through - after), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
