using EventOrch.Api.Audit;
using Marten;
using Npgsql;
using Weasel.Postgresql;

namespace EventOrch.Api.Replays;

/// <summary>How the audit index (table <c>eo_audit_events</c>) is replayed: each event's row is made by the inline
/// projection's own <see cref="AuditIndexProjection.Entry"/> into a table of the same <see cref="AuditTable"/>
/// definition, written with COPY; rows are compared by sequence, as the JSON of their columns.</summary>
public static class AuditIndexReplay
{
    public static IReplayedProjection Definition { get; } = new EventRowsReplay<AuditEntry>("AuditEvent",
        _ => e => AuditIndexProjection.Entry(e) is { } entry ? [entry] : [],
        row => new RowSubject(RowFields.Text(row, "namespace"), RowFields.Text(row, "name"), RowFields.Text(row, "stream_id")),
        new IndexTable());

    /// <summary>The audit index's table: a plain table, not Marten documents.</summary>
    private sealed class IndexTable : IReplayedTable
    {
        public string Name(IReadOnlyStoreOptions options) => AuditTable.Name;

        public async Task CreateAsync(ReplaySchema replay, CancellationToken cancellationToken)
        {
            await using var connection = await replay.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(AuditTable.Define(replay.Name).ToCreateSql(new PostgresqlMigrator()), connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task WriteAsync(ReplaySchema replay, IReadOnlyList<object> rows, CancellationToken cancellationToken)
        {
            if (rows.Count == 0) return;
            await using var connection = await replay.OpenConnectionAsync(cancellationToken);
            await using var import = await connection.BeginBinaryImportAsync(
                $"copy {replay.Name}.{AuditTable.Name} ({AuditTable.Columns}) from stdin (format binary)", cancellationToken);
            foreach (var row in rows)
            {
                await import.StartRowAsync(cancellationToken);
                foreach (var value in AuditTable.InsertParameters((AuditEntry)row)) await import.WriteAsync(value, cancellationToken);
            }
            await import.CompleteAsync(cancellationToken);
        }

        // row_to_json rather than to_jsonb: both tables have AuditTable's columns in its order, so equal rows print alike,
        // at about half the server's cost (a million rows a side is a few seconds of verifying).
        public string SelectRows(IReadOnlyStoreOptions options) =>
            $"select seq, row_to_json(t)::text from {options.DatabaseSchemaName}.{AuditTable.Name} t order by seq";
    }
}
