using EventOrch.Contracts.Kinds;
using Marten;
using Npgsql;

namespace EventOrch.Api.Audit;

/// <summary>What a query of the audit index asks for; a null field does not filter.</summary>
/// <param name="Since">Events at or after this time.</param>
/// <param name="Until">Events before this time.</param>
public sealed record AuditFilter(
    string? Namespace = null,
    string? Kind = null,
    string? Name = null,
    string? User = null,
    string? EventType = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null);

/// <summary>One page of audit entries in sequence order, and whether more match after its last.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, bool More);

/// <summary>Reads the audit index (<see cref="AuditTable"/>): every query is served by one of its indexes, never by a
/// scan of the event store.</summary>
public sealed class AuditQueries(NpgsqlDataSource dataSource, IDocumentStore store)
{
    private const string Columns = "seq, event_id, stream_id, version, kind, namespace, name, event_type, user_name, ts, correlation_id, causation_id";

    // The event types that end a stream, as a text[] parameter.
    private static readonly string[] DeletionTypes = [.. StoredKinds.DeletionTypeNames];

    private readonly string _table = $"{store.Options.DatabaseSchemaName}.{AuditTable.Name}";

    /// <summary>Every object that ever held <paramref name="kind"/> <paramref name="namespace"/>/<paramref name="name"/>
    /// (one per uid), oldest first.</summary>
    public async Task<IReadOnlyList<AuditStream>> StreamsAsync(string kind, string @namespace, string name, CancellationToken cancellationToken)
    {
        await using var command = Command(
            $"select stream_id, min(seq), max(seq), min(ts), max(ts), count(*), max(case when event_type = any($4) then ts end) "
            + $"from {_table} where kind = $1 and namespace = $2 and name = $3 group by stream_id order by min(seq)",
            [kind, @namespace, name, DeletionTypes]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var streams = new List<AuditStream>();
        while (await reader.ReadAsync(cancellationToken))
        {
            streams.Add(new AuditStream(reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return streams;
    }

    /// <summary>The objects of <paramref name="kind"/> (in <paramref name="namespace"/>, or in every namespace when null)
    /// that lived just after sequence <paramref name="sequence"/>: created at or before it and not deleted by then.</summary>
    public async Task<IReadOnlyList<Guid>> StreamsLivingAtAsync(string kind, string? @namespace, long sequence, CancellationToken cancellationToken)
    {
        var inNamespace = @namespace is null ? "" : " and namespace = $4";
        await using var command = Command(
            $"select stream_id from {_table} where kind = $1{inNamespace} and seq <= $2 group by stream_id having not bool_or(event_type = any($3))",
            @namespace is null ? [kind, sequence, DeletionTypes] : [kind, sequence, DeletionTypes, @namespace]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var uids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken)) uids.Add(reader.GetGuid(0));
        return uids;
    }

    /// <summary>The sequence of the newest event committed at or before <paramref name="time"/>; 0 when none was.</summary>
    public async Task<long> SequenceAtAsync(DateTimeOffset time, CancellationToken cancellationToken)
    {
        await using var command = Command($"select seq from {_table} where ts <= $1 order by ts desc, seq desc limit 1", [time]);
        return await command.ExecuteScalarAsync(cancellationToken) is long sequence ? sequence : 0;
    }

    /// <summary>The events of the object with <paramref name="uid"/>, oldest first; none for a uid never stored.</summary>
    public Task<IReadOnlyList<AuditEntry>> StreamAsync(Guid uid, CancellationToken cancellationToken) =>
        ReadAsync($"select {Columns} from {_table} where stream_id = $1 order by seq", [uid], cancellationToken);

    /// <summary>The event with id <paramref name="eventId"/>, if the record holds one.</summary>
    public async Task<AuditEntry?> EventAsync(Guid eventId, CancellationToken cancellationToken) =>
        (await ReadAsync($"select {Columns} from {_table} where event_id = $1", [eventId], cancellationToken)).FirstOrDefault();

    /// <summary>The event at <paramref name="sequence"/>, if the record holds an object's event there.</summary>
    public async Task<AuditEntry?> EventAtAsync(long sequence, CancellationToken cancellationToken) =>
        (await ReadAsync($"select {Columns} from {_table} where seq = $1", [sequence], cancellationToken)).FirstOrDefault();

    /// <summary>The events a component appended acting on the event <paramref name="eventId"/>, oldest first.</summary>
    public Task<IReadOnlyList<AuditEntry>> CausedByAsync(Guid eventId, CancellationToken cancellationToken) =>
        ReadAsync($"select {Columns} from {_table} where causation_id = $1 order by seq", [eventId.ToString()], cancellationToken);

    /// <summary>The events matching <paramref name="filter"/> after sequence <paramref name="after"/>, oldest first, at
    /// most <paramref name="limit"/> of them.</summary>
    public async Task<AuditPage> SearchAsync(AuditFilter filter, long after, int limit, CancellationToken cancellationToken)
    {
        var (sql, parameters) = SearchSql(filter, after, limit + 1);
        var rows = await ReadAsync(sql, parameters, cancellationToken);
        return rows.Count > limit ? new AuditPage([.. rows.Take(limit)], More: true) : new AuditPage(rows, More: false);
    }

    /// <summary>How PostgreSQL would run <see cref="SearchAsync"/> for <paramref name="filter"/> (EXPLAIN's text), with
    /// sequential scans off when <paramref name="indexesOnly"/>, to show an index can serve it.</summary>
    public async Task<string> ExplainSearchAsync(AuditFilter filter, bool indexesOnly, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (indexesOnly)
        {
            await using var off = new NpgsqlCommand("set local enable_seqscan = off", connection, transaction);
            await off.ExecuteNonQueryAsync(cancellationToken);
        }
        var (sql, parameters) = SearchSql(filter, 0, 100);
        await using var command = new NpgsqlCommand("explain " + sql, connection, transaction);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }

    // Each filter is an equality or a range on an indexed column, followed by seq in that index.
    private (string Sql, IReadOnlyList<object> Parameters) SearchSql(AuditFilter filter, long after, int rows)
    {
        var conditions = new List<string> { "seq > $1" };
        var parameters = new List<object> { after };
        void Add(string column, string op, object? value)
        {
            if (value is null) return;
            parameters.Add(value);
            conditions.Add($"{column} {op} ${parameters.Count}");
        }
        Add("namespace", "=", filter.Namespace);
        Add("kind", "=", filter.Kind);
        Add("name", "=", filter.Name);
        Add("user_name", "=", filter.User);
        Add("event_type", "=", filter.EventType);
        Add("ts", ">=", filter.Since);
        Add("ts", "<", filter.Until);
        if (filter.Since is not null || filter.Until is not null)
        {
            // A time range is turned into the range of sequences it holds, read from the (ts, seq) index alone, so the
            // page is then read in sequence order from where the window starts rather than filtered from the first
            // event on. Exact: the lowest sequence of an event in the window is where it starts, whatever the order in
            // which transactions committed. (The fence, offset 0, keeps PostgreSQL from finding the minimum by
            // walking the primary key instead.)
            var window = string.Join(" and ", conditions.Where(c => c.StartsWith("ts ", StringComparison.Ordinal)));
            if (filter.Since is not null)
                conditions.Add($"seq >= (select coalesce(min(seq), {long.MaxValue}) from (select seq from {_table} where {window} offset 0) w)");
            if (filter.Until is not null)
                conditions.Add($"seq <= (select coalesce(max(seq), 0) from (select seq from {_table} where {window} offset 0) w)");
        }
        parameters.Add(rows);
        return ($"select {Columns} from {_table} where {string.Join(" and ", conditions)} order by seq limit ${parameters.Count}", parameters);
    }

    private async Task<IReadOnlyList<AuditEntry>> ReadAsync(string sql, IEnumerable<object> parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        }
        return entries;
    }

    private NpgsqlCommand Command(string sql, IEnumerable<object> parameters)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return command;
    }
}
