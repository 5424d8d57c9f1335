using EventOrch.Contracts.Model.Audit;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Refusals;

/// <summary>Writes queued refusals to PostgreSQL in batches; when PostgreSQL does not answer, it keeps the batch and
/// tries again, so a refusal is lost only if the Api stops before PostgreSQL is back.</summary>
public sealed partial class RefusalWriter(RefusalLog log, RefusalStore store, IOptions<RefusalOptions> options, TimeProvider time,
    ILogger<RefusalWriter> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Refusal>(options.Value.BatchSize);
        try
        {
            while (await log.Queue.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < options.Value.BatchSize && log.Queue.TryRead(out var refusal)) batch.Add(refusal);
                await WriteAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // What is still queued at shutdown gets one last try.
            while (log.Queue.TryRead(out var refusal)) batch.Add(refusal);
            if (batch.Count > 0)
            {
                using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await store.AddAsync(batch, last.Token);
                }
                catch (Exception e)
                {
                    LogLost(batch.Count, e);
                }
            }
        }
    }

    private async Task WriteAsync(List<Refusal> batch, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.AddAsync(batch, stoppingToken);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                if (attempt == 1 || attempt % 60 == 0) LogRetrying(batch.Count, attempt, e);
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "Writing {Count} refusals failed (attempt {Attempt}); retrying")]
    private partial void LogRetrying(int count, int attempt, Exception exception);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Error, Message = "{Count} refusals were not written before the Api stopped")]
    private partial void LogLost(int count, Exception exception);
}
