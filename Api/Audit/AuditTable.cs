using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace EventOrch.Api.Audit;

/// <summary>The audit index's table, <c>eo_audit_events</c>: one row per event, keyed by its sequence, with an index
/// for each way it is queried (an object's names, a stream, a user, a type, a namespace, a time, an event id, a cause).
/// Created and updated with the rest of the store's schema.</summary>
public static class AuditTable
{
    public const string Name = "eo_audit_events";

    public static Table Define(string schema)
    {
        var table = new Table($"{schema}.{Name}");
        table.AddColumn<long>("seq").AsPrimaryKey();
        table.AddColumn<Guid>("event_id").NotNull();
        table.AddColumn<Guid>("stream_id").NotNull();
        table.AddColumn<long>("version").NotNull();
        table.AddColumn<string>("kind").NotNull();
        table.AddColumn<string>("namespace").NotNull();
        table.AddColumn<string>("name").NotNull();
        table.AddColumn<string>("event_type").NotNull();
        table.AddColumn<string>("user_name");
        table.AddColumn<DateTimeOffset>("ts").NotNull();
        table.AddColumn<string>("correlation_id");
        table.AddColumn<string>("causation_id");
        // Every filter is followed by seq, so a filtered page reads its rows in order from one index.
        Index(table, "object", "kind", "namespace", "name", "seq");
        Index(table, "stream", "stream_id", "seq");
        Index(table, "user", "user_name", "seq");
        Index(table, "type", "event_type", "seq");
        Index(table, "namespace", "namespace", "seq");
        // (ts, seq): a time range becomes a range of sequences by an index-only scan of the window.
        Index(table, "ts", "ts", "seq");
        Index(table, "causation", "causation_id");
        table.Indexes.Add(new IndexDefinition($"ix_{Name}_event_id") { Columns = ["event_id"], IsUnique = true });
        return table;
    }

    /// <summary>The columns a row is written in, in the order of <see cref="InsertParameters"/>.</summary>
    public const string Columns = "seq, event_id, stream_id, version, kind, namespace, name, event_type, user_name, ts, correlation_id, causation_id";

    /// <summary>Inserts one row (parameters in column order, <c>?</c> placeholders as Marten's queued commands take them);
    /// a row already there stays, so the backfill and the inline projection may both write it.</summary>
    public static string InsertSql(string schema) =>
        $"insert into {schema}.{Name} ({Columns}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (seq) do nothing";

    /// <summary>The values of a row for <paramref name="entry"/>, in the order of <see cref="Columns"/>.</summary>
    public static object[] InsertParameters(AuditEntry entry) =>
    [
        entry.Sequence, entry.EventId, entry.Uid, entry.Version, entry.Kind, entry.Namespace, entry.Name, entry.EventType,
        (object?)entry.User ?? DBNull.Value, entry.Timestamp, (object?)entry.CorrelationId ?? DBNull.Value,
        (object?)entry.CausationId ?? DBNull.Value,
    ];

    private static void Index(Table table, string name, params string[] columns) =>
        table.Indexes.Add(new IndexDefinition($"ix_{Name}_{name}") { Columns = columns });
}
