using Microsoft.Extensions.Options;

namespace EventOrch.Api.Metrics;

/// <summary>Deletes samples past the retention every prune interval. Every Api instance runs one: a delete that finds
/// the rows already gone costs nothing, and no leader is needed.</summary>
public sealed partial class MetricsPruner(MetricsStore store, IOptions<MetricsOptions> options, TimeProvider time, ILogger<MetricsPruner> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PruneInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var pruned = await store.PruneAsync(stoppingToken);
                if (pruned > 0) LogPruned(pruned);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPruneFailed(e);
            }
        }
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Debug, Message = "Pruned {Count} metric samples past the retention")]
    private partial void LogPruned(int count);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "Pruning metric samples failed; the next interval tries again")]
    private partial void LogPruneFailed(Exception exception);
}
