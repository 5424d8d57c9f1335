using EventOrch.Api.Storage;
using Marten;

namespace EventOrch.Api.Audit;

/// <summary>Indexes the events appended before <see cref="AuditIndexProjection"/> existed, once: it reads the record
/// from the first event up to the newest one at start, page by page, inserting the rows the index lacks, then writes
/// an <see cref="AuditBackfillMarker"/>. Runs in the background, so the Api serves meanwhile; the inline projection
/// covers every event from this start on, and a row both write is the same row (inserted once). A pass that fails is
/// started again after a pause, until it completes or the host stops.</summary>
public sealed partial class AuditBackfill(IDocumentStore store, TimeProvider time, ILogger<AuditBackfill> logger) : BackgroundService
{
    private const int PageSize = 1000;
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex, FailureBackoff.TotalSeconds);
                await Task.Delay(FailureBackoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Indexes the record when no pass of this version has; returns how many events it read.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        long through;
        await using (var query = store.QuerySession())
        {
            var marker = await query.LoadAsync<AuditBackfillMarker>(AuditBackfillMarker.TheId, cancellationToken);
            if (marker?.IndexVersion >= AuditBackfillMarker.CurrentVersion) return 0;
            through = await EventSequence.NewestAsync(query, cancellationToken);
        }
        LogStarted(through);

        var insert = AuditTable.InsertSql(store.Options.Events.DatabaseSchemaName);
        long after = 0, read = 0;
        while (after < through)
        {
            await using var session = store.LightweightSession();
            var page = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > after && e.Sequence <= through)
                .OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(cancellationToken);
            if (page.Count == 0) break;
            foreach (var e in page)
            {
                if (AuditIndexProjection.Entry(e) is { } entry) session.QueueSqlCommand(insert, AuditTable.InsertParameters(entry));
            }
            read += page.Count;
            after = page[^1].Sequence;
            await session.SaveChangesAsync(cancellationToken);
        }

        await using (var done = store.LightweightSession())
        {
            done.Store(new AuditBackfillMarker { IndexVersion = AuditBackfillMarker.CurrentVersion, Through = through, CompletedAt = time.GetUtcNow() });
            await done.SaveChangesAsync(cancellationToken);
        }
        LogCompleted(through, read);
        return read;
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Indexing the record up to sequence {Through} for the audit index")]
    private partial void LogStarted(long through);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Indexed the record up to sequence {Through}: {Read} events read")]
    private partial void LogCompleted(long through, long read);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Indexing the record for the audit index failed; trying again in {Seconds} s")]
    private partial void LogFailed(Exception exception, double seconds);
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
