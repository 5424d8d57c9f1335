using EventOrch.ClientRuntime.LeaderElection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventOrch.ClientRuntime.Controllers;

/// <summary>A reconciler of one kind: informer handlers that put keys on its queue, and the work for one key.</summary>
public interface IReconciler
{
    string Name { get; }

    /// <summary>The queue its informer handlers add keys to.</summary>
    WorkQueue Queue { get; }

    Task WaitForSyncAsync(CancellationToken cancellationToken);

    /// <summary>Every key it owns, for the periodic resync.</summary>
    IEnumerable<string> AllKeys();

    /// <summary>Brings one object to its desired state. Throwing retries the key with a growing delay.</summary>
    Task ReconcileAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Runs a reconciler while this process leads (always, without a leader elector: a node's own work): a few
/// workers taking keys from its queue, and every key again each resync period, so a missed event delays a correction
/// but never loses it.</summary>
public sealed partial class ControllerRunner(
    IReconciler reconciler,
    LeaderElector? leader,
    TimeProvider time,
    ILogger<ControllerRunner> logger,
    int workers = 4,
    TimeSpan? resyncPeriod = null) : BackgroundService
{
    private readonly TimeSpan _resync = resyncPeriod ?? TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await reconciler.WaitForSyncAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (leader is not null) await leader.WaitForLeadershipAsync(stoppingToken);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leader?.LeadingToken ?? CancellationToken.None);
            var tasks = Enumerable.Range(0, workers).Select(_ => WorkAsync(leading.Token)).Append(ResyncAsync(leading.Token));
            await Task.WhenAll(tasks);
        }
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_resync, time);
        try
        {
            do
            {
                foreach (var key in reconciler.AllKeys()) reconciler.Queue.Add(key);
            } while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string key;
            try
            {
                key = await reconciler.Queue.TakeAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await reconciler.ReconcileAsync(key, cancellationToken);
                reconciler.Queue.Forget(key);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(ex, reconciler.Name, key);
                reconciler.Queue.AddRateLimited(key);
            }
            catch (OperationCanceledException)
            {
                // Leadership lost or stopping: the next leader picks the key up from its own resync.
            }
            finally
            {
                reconciler.Queue.Done(key);
            }
        }
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "{Controller} could not reconcile {Key}; retrying after a back-off")]
    private partial void LogFailed(Exception exception, string controller, string key);
}
