using JasperFx.Events;
using EventOrch.Api.Storage;
using Marten;

namespace EventOrch.Api.Audit;

/// <summary>Indexes the events appended before <see cref="AuditIndexProjection"/> existed, once, then writes an
/// <see cref="AuditBackfillMarker"/> (see <see cref="RecordBackfill"/>). A row both write is the same row, inserted once.</summary>
public sealed class AuditBackfill(IDocumentStore store, TimeProvider time, ILogger<AuditBackfill> logger) : RecordBackfill(store, time, logger)
{
    protected override string What => "the audit index";

    protected override async Task<bool> IsDoneAsync(IQuerySession query, CancellationToken cancellationToken) =>
        (await query.LoadAsync<AuditBackfillMarker>(AuditBackfillMarker.TheId, cancellationToken))?.IndexVersion >= AuditBackfillMarker.CurrentVersion;

    /// <summary>Counts the events read.</summary>
    protected override Func<IDocumentSession, IEvent, long> StartPass()
    {
        var insert = AuditTable.InsertSql(Store.Options.Events.DatabaseSchemaName);
        return (session, e) =>
        {
            if (AuditIndexProjection.Entry(e) is { } entry) session.QueueSqlCommand(insert, AuditTable.InsertParameters(entry));
            return 1;
        };
    }

    protected override void MarkDone(IDocumentSession session, long through, DateTimeOffset completedAt) =>
        session.Store(new AuditBackfillMarker { IndexVersion = AuditBackfillMarker.CurrentVersion, Through = through, CompletedAt = completedAt });
}

/// <summary>Records that the whole record was indexed (table <c>audit_backfills</c>, one row).</summary>
public sealed class AuditBackfillMarker
{
    public const string TheId = "audit-index";

    /// <summary>The version of the index's rows; raising it makes the next start index the whole record again (rows
    /// already there stay: a new version that changes rows must clear them first).</summary>
    public const int CurrentVersion = 1;

    public string Id { get; set; } = TheId;
    public int IndexVersion { get; set; }

    /// <summary>The sequence the pass went up to; later events were indexed inline.</summary>
    public long Through { get; set; }

    public DateTimeOffset CompletedAt { get; set; }
}
