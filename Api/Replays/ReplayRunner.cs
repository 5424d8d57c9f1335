using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventOrch.Api.Replays;

/// <summary>Runs a replay: opens one snapshot of the record, makes a fresh schema, folds the events page by page with
/// every projection's own code (<see cref="ReplayCatalog"/>), bulk-writes the rows, then, when asked, compares every
/// rebuilt table with its live twin as the same snapshot shows it, and drops the schema unless asked to keep it.</summary>
public sealed partial class ReplayRunner(
    IDocumentStore store,
    NpgsqlDataSource dataSource,
    IOptions<EventStoreOptions> storeOptions,
    IOptions<ReplayOptions> replayOptions,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<ReplayRunner> logger)
{
    public const int DefaultMaxDifferences = 1000;

    public async Task<ApiResult<Replay>> RunAsync(Replay request, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var clock = time.GetTimestamp();
        var schema = storeOptions.Value.Schema;
        await using var snapshot = await ReplaySnapshot.OpenAsync(dataSource, schema, cancellationToken);
        if (snapshot is null)
            return ApiErrors.Conflict(ResourceKind.Replay, request.Metadata.Name ?? "", "a replay of this event store is running already; try again when it is done");

        await using var replay = await ReplaySchema.CreateAsync(dataSource, schema, started, loggers, cancellationToken);
        var kept = false;
        try
        {
            var (projections, unknown) = ReplayCatalog.For(replay.Options);
            if (unknown.Count > 0)
                return new Status { Code = 500, Reason = StatusReasons.InternalError, Message = $"the projections {string.Join(", ", unknown)} have no replay: add them to ReplayCatalog" };
            LogStarted(replay.Name, snapshot.Through);
            await replay.CreateTablesAsync(projections.Select(p => p.Table), cancellationToken);

            var rebuildClock = time.GetTimestamp();
            var rebuild = await RebuildAsync(snapshot, replay, projections, cancellationToken);
            var rebuildSeconds = Seconds(rebuildClock);
            LogRebuilt(rebuild.EventsRead, rebuildSeconds, replay.Name);

            ReplayStatus status = new()
            {
                Schema = replay.Name,
                StartTime = started.ToWholeSeconds(),
                ThroughSequence = snapshot.Through,
                EventsRead = rebuild.EventsRead,
                RebuildSeconds = Math.Round(rebuildSeconds, 3),
                EventsPerSecond = rebuildSeconds > 0 ? Math.Round(rebuild.EventsRead / rebuildSeconds) : 0,
                Projections = [.. projections.Select((p, i) => new ReplayedProjection { Table = p.Table.Name(replay.Options), Kind = p.Kind, Rebuilt = rebuild.Rows[i] })],
            };
            if (request.Spec.Verify)
            {
                var verifyClock = time.GetTimestamp();
                status = await ReplayVerification.VerifyAsync(snapshot, replay, store, projections, status,
                    request.Spec.MaxDifferences ?? DefaultMaxDifferences, cancellationToken) with { VerifySeconds = Math.Round(Seconds(verifyClock), 3) };
                LogVerified(status.DifferenceCount, replay.Name);
            }

            kept = request.Spec.KeepSchema;
            if (!kept) await replay.DropAsync(cancellationToken);
            return request with
            {
                // Named after its schema when the request gave no name, in the characters a name may have.
                Metadata = request.Metadata with { Name = request.Metadata.Name ?? replay.Name.Replace('_', '-'), CreationTimestamp = started.ToWholeSeconds() },
                Status = status with { SchemaKept = kept, CompletionTime = time.GetUtcNow().ToWholeSeconds(), DurationSeconds = Math.Round(Seconds(clock), 3) },
            };
        }
        finally
        {
            // A failed or cancelled replay leaves nothing behind, whatever was asked.
            if (!kept) await replay.DropAsync(CancellationToken.None);
        }
    }

    private sealed record Rebuilt(long EventsRead, long[] Rows);

    /// <summary>Folds the pages <see cref="EventPages"/> reads (each projection on a task of its own) and writes, so reading,
    /// folding and writing overlap; rows that are final are written as they come, one write in flight at a time, the others
    /// after the last event.</summary>
    private async Task<Rebuilt> RebuildAsync(ReplaySnapshot snapshot, ReplaySchema replay, IReadOnlyList<IReplayedProjection> projections,
        CancellationToken cancellationToken)
    {
        var options = replayOptions.Value;
        var foldLogger = loggers.CreateLogger("EventOrch.Api.Replays.Fold");
        var rebuilds = projections.Select(p => p.Start(foldLogger)).ToList();
        var rows = new long[projections.Count];

        long events = 0;
        var pending = NewBatch(projections.Count);
        var writing = Task.CompletedTask;
        try
        {
            await foreach (var page in EventPages.ReadAsync(snapshot, store, options.PageSize, options.Readers, cancellationToken))
            {
                // The folds are independent of each other (each keeps its own state; events are immutable): one task each,
                // so the Kubernetes Events' mapping, the heaviest, overlaps with the kinds' folds.
                await Task.WhenAll(rebuilds.Select(rebuild => Task.Run(() =>
                {
                    foreach (var e in page) rebuild.Apply(e);
                }, cancellationToken)));
                events += page.Count;
                for (var i = 0; i < rebuilds.Count; i++)
                {
                    var finished = rebuilds[i].TakeFinished();
                    rows[i] += finished.Count;
                    pending[i].AddRange(finished);
                }
                if (pending.Sum(p => p.Count) >= options.WriteBatchSize)
                {
                    await writing;
                    writing = WriteAsync(replay, projections, pending, cancellationToken);
                    pending = NewBatch(projections.Count);
                }
            }
            await writing;
            await WriteAsync(replay, projections, pending, cancellationToken);
            for (var i = 0; i < rebuilds.Count; i++)
            {
                var rest = rebuilds[i].Finish();
                rows[i] += rest.Count;
                await projections[i].Table.WriteAsync(replay, rest, cancellationToken);
            }
        }
        finally
        {
            await writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        return new Rebuilt(events, rows);
    }

    private static List<object>[] NewBatch(int projections) => [.. Enumerable.Range(0, projections).Select(_ => new List<object>())];

    /// <summary>Writes each projection's rows of a batch into its table.</summary>
    private static async Task WriteAsync(ReplaySchema replay, IReadOnlyList<IReplayedProjection> projections, List<object>[] batch,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < projections.Count; i++) await projections[i].Table.WriteAsync(replay, batch[i], cancellationToken);
    }

    private double Seconds(long since) => time.GetElapsedTime(since).TotalSeconds;

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Replaying the record up to sequence {Through} into schema {Schema}")]
    private partial void LogStarted(string schema, long through);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Replayed {Events} events in {Seconds:F1} s into schema {Schema}")]
    private partial void LogRebuilt(long events, double seconds, string schema);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Verified schema {Schema} against the live projections: {Differences} differences")]
    private partial void LogVerified(long differences, string schema);
}
