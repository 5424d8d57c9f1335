using System.Collections.Concurrent;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.Runtime;

namespace EventOrch.NodeAgent.Pods;

/// <summary>One node's pod loop: whenever a pod bound to the node changes, and every resync period, it lists the
/// node's containers once and hands each pod to its own worker task (one at a time per pod, so a pod that takes
/// its grace period to stop does not hold the others up). Containers of pods no longer bound here are removed;
/// those of pods still bound are adopted as they are, so an agent restart restarts nothing.</summary>
public sealed partial class PodSyncLoop(
    string node,
    Informer<Pod> pods,
    IContainerRuntime runtime,
    PodWorker worker,
    PodAgentOptions options,
    ILogger logger,
    Volumes.VolumesInUse? inUse = null)
{
    private readonly SemaphoreSlim _signal = new(0);
    private readonly ConcurrentDictionary<string, Task> _busy = new();
    private readonly ConcurrentDictionary<string, byte> _missed = new();

    /// <summary>Something about one of this node's pods changed: look again.</summary>
    public void Signal() => _signal.Release();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await pods.WaitForSyncAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogPassFailed(ex, node);
            }
            await _signal.WaitAsync(options.ResyncPeriod, cancellationToken);
            while (_signal.CurrentCount > 0) await _signal.WaitAsync(cancellationToken);
        }
        await Task.WhenAll(_busy.Values);
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        var containers = await runtime.ListAsync(node, cancellationToken);
        var observed = containers
            .GroupBy(c => c.Labels.GetValueOrDefault(RuntimeLabels.PodUid) ?? "")
            .ToDictionary(g => g.Key, g => (IReadOnlyList<RuntimeContainer>)g.ToList());
        var bound = pods.Cache.OnNode(node).ToDictionary(p => p.Metadata.Uid!);

        foreach (var (uid, pod) in bound)
        {
            if (IsFinished(pod) && !observed.ContainsKey(uid)) continue;
            Dispatch(uid, ct =>
            {
                // The status it writes is caused by the pod's latest change (its binding, first).
                using var cause = KubeApiClient.CausedBy(pods.Cache.CauseOf(pod.Metadata.Namespace, pod.Metadata.Name!));
                return worker.SyncAsync(pod, observed.GetValueOrDefault(uid) ?? [], ct);
            }, cancellationToken);
        }
        foreach (var (uid, left) in observed)
        {
            if (!bound.ContainsKey(uid)) Dispatch(uid, ct => worker.RemoveOrphanAsync(uid, left, ct), cancellationToken);
        }
        // What the node's live containers mount stays in use, whatever became of their pods (and after an agent restart).
        if (inUse is not null) await inUse.ObserveAsync(containers, cancellationToken);
    }

    // A pod whose worker is still busy is noted, and its worker's end starts another pass for it; work that finds
    // nothing to do starts none, or the loop would spin. The pod is marked busy before its work starts, so work
    // that ends at once cannot unmark it before it was marked.
    private void Dispatch(string uid, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_busy.TryAdd(uid, done.Task))
        {
            _missed[uid] = 0;
            // The worker may have ended between the two lines above: then nothing else would signal.
            if (!_busy.ContainsKey(uid) && _missed.TryRemove(uid, out _)) _signal.Release();
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await work(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogSyncFailed(ex, uid, node);
            }
            finally
            {
                _busy.TryRemove(uid, out _);
                done.TrySetResult();
                if (_missed.TryRemove(uid, out _)) _signal.Release();
            }
        }, CancellationToken.None);
    }

    // A pod that has ended for good and whose containers are gone needs nothing more.
    private static bool IsFinished(Pod pod) => pod.Status?.Phase is PodPhases.Succeeded or PodPhases.Failed && pod.Metadata.DeletionTimestamp is null;

    [LoggerMessage(EventId = 810, Level = LogLevel.Warning, Message = "A pod pass on node {Node} failed; the next one retries")]
    private partial void LogPassFailed(Exception exception, string node);

    [LoggerMessage(EventId = 811, Level = LogLevel.Warning, Message = "Syncing pod {Uid} on node {Node} failed; the next pass retries")]
    private partial void LogSyncFailed(Exception exception, string uid, string node);
}
