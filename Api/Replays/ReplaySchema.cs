using EventOrch.Api.Storage;
using Marten;
using Npgsql;
using Weasel.Core;

namespace EventOrch.Api.Replays;

/// <summary>A fresh PostgreSQL schema a replay rebuilds into, with a Marten store configured by the same
/// <see cref="MartenSetup"/> as the live one: its tables are the live tables' twins (columns, primary keys, the unique
/// name index; not the secondary indexes), and the catalog of what to rebuild comes from its projections. Each
/// <see cref="IReplayedTable"/> makes and writes its own table with what this gives it: documents with Marten's bulk
/// insert (PostgreSQL COPY), a plain table with COPY on a connection of its own.</summary>
public sealed class ReplaySchema : IAsyncDisposable
{
    private const int BulkBatchSize = 5000;
    private readonly NpgsqlDataSource _dataSource;
    private readonly DocumentStore _store;

    private ReplaySchema(NpgsqlDataSource dataSource, string name, StoreOptions options)
    {
        _dataSource = dataSource;
        Name = name;
        Options = options;
        _store = new DocumentStore(options);
    }

    public string Name { get; }
    public StoreOptions Options { get; }

    /// <summary>Makes the schema (refused if a schema of that name exists: a replay never writes into an old one).</summary>
    public static async Task<ReplaySchema> CreateAsync(NpgsqlDataSource dataSource, string liveSchema, DateTimeOffset now,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var name = NameFor(liveSchema, now);
        await using (var command = dataSource.CreateCommand($"create schema {name}"))
            await command.ExecuteNonQueryAsync(cancellationToken);
        var options = new StoreOptions();
        MartenSetup.Configure(options, dataSource, name, loggers);
        return new ReplaySchema(dataSource, name, options);
    }

    /// <summary><c>{live}_replay_{yyyyMMddHHmmss}_{random}</c>, within PostgreSQL's 63 characters.</summary>
    public static string NameFor(string liveSchema, DateTimeOffset now)
    {
        var suffix = $"_replay_{now.UtcDateTime:yyyyMMddHHmmss}_{Guid.NewGuid():N}"[..30];
        return liveSchema[..Math.Min(liveSchema.Length, 63 - suffix.Length)] + suffix;
    }

    /// <summary>Makes <paramref name="tables"/>, so an empty one is there to compare too.</summary>
    public async Task CreateTablesAsync(IEnumerable<IReplayedTable> tables, CancellationToken cancellationToken)
    {
        foreach (var table in tables) await table.CreateAsync(this, cancellationToken);
        // The secondary indexes serve the Api's queries, not the replay's, and would make every bulk write maintain them
        // (the Events' three cost about as much as the rows); the unique ones stay, to catch two rows with one id or name.
        await using var drop = _dataSource.CreateCommand($"""
            do $$ declare i record; begin
              for i in select indexname from pg_indexes join pg_class c on c.relname = indexname
                       join pg_index x on x.indexrelid = c.oid
                       where schemaname = '{Name}' and c.relnamespace = '{Name}'::regnamespace and not x.indisunique loop
                execute format('drop index %I.%I', '{Name}', i.indexname);
              end loop;
            end $$
            """);
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Makes the table of a document type, as the live store makes it.</summary>
    public async Task EnsureDocumentTableAsync(Type documentType, CancellationToken cancellationToken) =>
        await _store.Storage.Database.EnsureStorageExistsAsync(documentType, cancellationToken);

    /// <summary>Writes documents (of any mapped types) into their tables.</summary>
    public async Task BulkInsertAsync(IReadOnlyList<object> documents, CancellationToken cancellationToken)
    {
        if (documents.Count > 0) await _store.BulkInsertDocumentsAsync(documents, BulkInsertMode.InsertsOnly, BulkBatchSize, cancellationToken);
    }

    /// <summary>A connection of its own, for a table that is not Marten's.</summary>
    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>The rows <paramref name="select"/> reads (see <see cref="IReplayedTable.SelectRows"/>), on a connection of
    /// their own.</summary>
    public async IAsyncEnumerable<StoredRow> RowsAsync(string select,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await foreach (var row in ReplaySnapshot.ReadRowsAsync(connection, null, select, cancellationToken)) yield return row;
    }

    public async Task DropAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"drop schema if exists {Name} cascade");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
