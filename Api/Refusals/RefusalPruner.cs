using Microsoft.Extensions.Options;

namespace EventOrch.Api.Refusals;

/// <summary>Deletes refusals past the retention every prune interval. Every Api instance runs one: a delete that finds
/// the rows already gone costs nothing.</summary>
public sealed partial class RefusalPruner(RefusalStore store, IOptions<RefusalOptions> options, TimeProvider time, ILogger<RefusalPruner> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PruneInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var pruned = await store.PruneAsync(time.GetUtcNow() - options.Value.Retention, stoppingToken);
                if (pruned > 0) LogPruned(pruned);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPruneFailed(e);
            }
        }
    }

    [LoggerMessage(EventId = 1903, Level = LogLevel.Debug, Message = "Pruned {Count} refusals past the retention")]
    private partial void LogPruned(int count);

    [LoggerMessage(EventId = 1904, Level = LogLevel.Warning, Message = "Pruning refusals failed; the next interval tries again")]
    private partial void LogPruneFailed(Exception exception);
}
