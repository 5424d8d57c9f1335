using JasperFx.Events;
using Marten;

namespace EventOrch.Api.Storage;

/// <summary>Brings an inline projection over the events appended before it existed (or before its version last
/// changed), once: it reads the record from the first event up to the newest one at start, page by page, handing each
/// event to the projection's own mapping, then notes that it is done. Runs in the background, so the Api serves
/// meanwhile; the inline projection covers every event from this start on, so a mapping must be harmless to apply twice
/// to an event. A pass that fails is started again after a pause, until it completes or the host stops.</summary>
public abstract partial class RecordBackfill(IDocumentStore store, TimeProvider time, ILogger logger) : BackgroundService
{
    private const int PageSize = 1000;

    protected IDocumentStore Store { get; } = store;
    protected ILogger Logger { get; } = logger;
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(1);

    /// <summary>What the pass makes, for the log ("the audit index").</summary>
    protected abstract string What { get; }

    /// <summary>Whether a pass of the current version completed already.</summary>
    protected abstract Task<bool> IsDoneAsync(IQuerySession query, CancellationToken cancellationToken);

    /// <summary>Before the first page: clears what an older version made, say.</summary>
    protected virtual Task PrepareAsync(long through, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>One pass's mapping (state it keeps across events lives in its closure): queues what one event makes on
    /// the page's session and says how many it counts.</summary>
    protected abstract Func<IDocumentSession, IEvent, long> StartPass();

    /// <summary>Notes on <paramref name="session"/> that a pass up to <paramref name="through"/> completed.</summary>
    protected abstract void MarkDone(IDocumentSession session, long through, DateTimeOffset completedAt);

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
                LogFailed(Logger, ex, What, FailureBackoff.TotalSeconds);
                await Task.Delay(FailureBackoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Runs a pass when none of this version has; returns what the mapping counted (0 when none was due).</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        long through;
        await using (var query = Store.QuerySession())
        {
            if (await IsDoneAsync(query, cancellationToken)) return 0;
            through = await EventSequence.NewestAsync(query, cancellationToken);
        }
        LogStarted(Logger, What, through);
        await PrepareAsync(through, cancellationToken);

        var apply = StartPass();
        long after = 0, counted = 0;
        while (after < through)
        {
            await using var session = Store.LightweightSession();
            var page = await EventSequence.PageAsync(session, after, through, PageSize, cancellationToken);
            if (page.Count == 0) break;
            foreach (var e in page) counted += apply(session, e);
            after = page[^1].Sequence;
            await session.SaveChangesAsync(cancellationToken);
        }

        await using (var done = Store.LightweightSession())
        {
            MarkDone(done, through, time.GetUtcNow());
            await done.SaveChangesAsync(cancellationToken);
        }
        LogCompleted(Logger, What, through, counted);
        return counted;
    }

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Bringing {What} over the record up to sequence {Through}")]
    private static partial void LogStarted(ILogger logger, string what, long through);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Brought {What} over the record up to sequence {Through} ({Counted})")]
    private static partial void LogCompleted(ILogger logger, string what, long through, long counted);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "Bringing {What} over the record failed; trying again in {Seconds} s")]
    private static partial void LogFailed(ILogger logger, Exception exception, string what, double seconds);
}
