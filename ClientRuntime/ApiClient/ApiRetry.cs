using Polly;
using Polly.Retry;

namespace EventOrch.ClientRuntime.ApiClient;

/// <summary>How components keep calling the Api until it answers: at start (list, register) and after a gap.</summary>
public static class ApiRetry
{
    /// <summary>A failure the next attempt may not see: the Api unreachable, an error Status, a timed-out call.</summary>
    public static bool IsTransient(Exception exception) => exception is HttpRequestException or ApiException or TaskCanceledException;

    /// <summary>Retries transient failures for as long as it takes: 200 ms doubling to <paramref name="maxDelay"/>,
    /// with jitter; stops only when the caller's token is cancelled.</summary>
    public static ResiliencePipeline UntilDone(TimeProvider time, TimeSpan maxDelay, Action<Exception, TimeSpan> onRetry) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && IsTransient(ex) && !args.Context.CancellationToken.IsCancellationRequested),
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = maxDelay,
                MaxRetryAttempts = int.MaxValue,
                UseJitter = true,
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Exception!, args.RetryDelay);
                    return default;
                },
            })
            .Build();
}
