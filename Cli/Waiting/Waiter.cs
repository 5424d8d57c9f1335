using EventOrch.ClientRuntime.ApiClient;

namespace EventOrch.Cli.Waiting;

/// <summary>Runs a check until it is done or has failed, looking again at every change the <see cref="ChangeFeed"/>
/// reports, reporting each new state; a timeout ends it with the last state in the message.</summary>
public static class Waiter
{
    public static async Task<Progress> WaitAsync(KubeApiClient api, IReadinessCheck check, TimeSpan timeout, Func<Progress, Task> report,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout > TimeSpan.Zero) deadline.CancelAfter(timeout);
        Progress? last = null;
        try
        {
            await using var feed = ChangeFeed.Start(api, await check.TargetsAsync(deadline.Token), deadline.Token);
            while (true)
            {
                var progress = await check.CheckAsync(deadline.Token);
                if (!progress.SameAs(last)) await report(progress);
                last = progress;
                if (progress.State != ProgressState.Waiting) return progress;
                await feed.WaitAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var where = last is null ? "" : $": {last.Message.TrimEnd('.')}";
            return Progress.Failed($"timed out after {Format(timeout)} waiting for the condition{where}", last?.Details);
        }
    }

    public static string Format(TimeSpan timeout) =>
        timeout.TotalSeconds < 60 ? $"{timeout.TotalSeconds:0.#}s" : timeout.TotalMinutes < 60 ? $"{timeout.TotalMinutes:0.#}m" : $"{timeout.TotalHours:0.#}h";
}
