namespace EventOrch.Api.Storage;

/// <summary>Deletes rows past their retention every interval. Every Api instance runs one per table: a delete that finds
/// the rows already gone costs nothing, and no leader is needed.</summary>
public abstract partial class PeriodicPruner(TimeSpan interval, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>What is pruned, for the log ("metric samples").</summary>
    protected abstract string What { get; }

    /// <summary>Deletes what is past the retention at <paramref name="now"/>; how many rows went.</summary>
    protected abstract Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var pruned = await PruneAsync(time.GetUtcNow(), stoppingToken);
                if (pruned > 0) LogPruned(logger, pruned, What);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPruneFailed(logger, What, e);
            }
        }
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Debug, Message = "Pruned {Count} {What} past the retention")]
    private static partial void LogPruned(ILogger logger, int count, string what);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "Pruning {What} failed; the next interval tries again")]
    private static partial void LogPruneFailed(ILogger logger, string what, Exception exception);
}
