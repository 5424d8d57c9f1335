using EventOrch.Api.Storage;
using EventOrch.Contracts.KubeEvents;
using Marten;

namespace EventOrch.Api.KubeEvents;

/// <summary>Projects the events appended before <see cref="KubeEventProjection"/> existed (or before its mapping last
/// changed) into Kubernetes Events, once: it replays the record from the first event up to the newest one at start,
/// folding every object's state in memory as it goes, then writes a <see cref="KubeEventBackfillMarker"/>. Runs in the
/// background, so the Api serves meanwhile; the inline projection covers every event from this start on, and an event
/// both project gives the same Event (same name and content), so the overlap is harmless. A replay that fails is started
/// again after a pause, until it completes or the host stops.</summary>
public sealed partial class KubeEventBackfill(IDocumentStore store, TimeProvider time, ILogger<KubeEventBackfill> logger) : BackgroundService
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
                // The replay can start again from the first event: it clears what it replaces, writes each Event by its
                // name, and writes the marker only when it completes.
                LogFailed(ex, FailureBackoff.TotalSeconds);
                await Task.Delay(FailureBackoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Replays the record when this mapping version has not; returns how many Events it wrote.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        long through;
        await using (var query = store.QuerySession())
        {
            var marker = await query.LoadAsync<KubeEventBackfillMarker>(KubeEventBackfillMarker.TheId, cancellationToken);
            if (marker?.MappingVersion >= KubeEventProjection.MappingVersion) return 0;
            through = await EventSequence.NewestAsync(query, cancellationToken);
        }
        LogStarted(through, KubeEventProjection.MappingVersion);

        // Events an older mapping made are replaced; those projected inline after `through` stay.
        await using (var clear = store.LightweightSession())
        {
            var bound = KubeEventMapper.PositionOf(through + 1, 0);
            clear.DeleteWhere<KubeEventRecord>(x => x.Id < bound);
            await clear.SaveChangesAsync(cancellationToken);
        }

        var subjects = new EventSubjectTable();
        long after = 0, written = 0;
        while (after < through)
        {
            await using var session = store.LightweightSession();
            var page = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > after && e.Sequence <= through)
                .OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(cancellationToken);
            if (page.Count == 0) break;
            foreach (var e in page)
            {
                if (RecordedEvents.From(e) is not { } recorded) continue;
                foreach (var kubeEvent in KubeEventProjection.Map(subjects, recorded, logger))
                {
                    session.Store(KubeEventRecord.Of(kubeEvent));
                    written++;
                }
            }
            after = page[^1].Sequence;
            await session.SaveChangesAsync(cancellationToken);
        }

        await using (var done = store.LightweightSession())
        {
            done.Store(new KubeEventBackfillMarker { MappingVersion = KubeEventProjection.MappingVersion, Through = through, CompletedAt = time.GetUtcNow() });
            await done.SaveChangesAsync(cancellationToken);
        }
        LogCompleted(through, written);
        return written;
    }

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Projecting the record up to sequence {Through} into Kubernetes Events (mapping version {Version})")]
    private partial void LogStarted(long through, int version);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Projected the record up to sequence {Through}: {Written} Kubernetes Events")]
    private partial void LogCompleted(long through, long written);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "Projecting the record into Kubernetes Events failed; trying again in {Seconds} s")]
    private partial void LogFailed(Exception exception, double seconds);
}
