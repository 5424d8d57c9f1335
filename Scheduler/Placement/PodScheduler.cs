using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Informers;
using EventOrch.ClientRuntime.LeaderElection;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;
using EventOrch.Scheduler.Queue;
using Microsoft.Extensions.Options;

namespace EventOrch.Scheduler.Placement;

/// <summary>The scheduling loop: while this instance leads, takes pending pods from the queue, runs the
/// profile's filters and scores over the cached nodes, assumes the pod onto the chosen node and binds it
/// through the Api. A pod that fits nowhere gets PodScheduled=False with the reasons and waits for the
/// cluster to change.</summary>
public sealed partial class PodScheduler(
    Informer<Pod> pods,
    Informer<Node> nodes,
    SchedulingQueue queue,
    Volumes.InformerVolumeLookup storage,
    Volumes.VolumePreBinder preBinder,
    SchedulerCache cache,
    SchedulingProfile profile,
    LeaderElector leader,
    KubeApiClient api,
    IOptions<SchedulerOptions> options,
    TimeProvider time,
    ILogger<PodScheduler> logger) : BackgroundService
{
    private const int ConcurrentBindings = 16;

    private readonly SemaphoreSlim _bindings = new(ConcurrentBindings);
    private long _scheduled, _unschedulable, _bindFailures;

    public (long Scheduled, long Unschedulable, long BindFailures, int Assumed) Counts =>
        (Interlocked.Read(ref _scheduled), Interlocked.Read(ref _unschedulable), Interlocked.Read(ref _bindFailures), cache.AssumedCount);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        pods.Cache.Changed += OnPodChanged;
        nodes.Cache.Changed += (_, _) => queue.MoveAllToActive();
        // A claim bound, a volume made or a class added may let a pod waiting for its storage fit.
        storage.Changed += queue.MoveAllToActive;
        await Task.WhenAll(pods.WaitForSyncAsync(stoppingToken), nodes.WaitForSyncAsync(stoppingToken), storage.WaitForSyncAsync(stoppingToken));
        while (!stoppingToken.IsCancellationRequested)
        {
            await leader.WaitForLeadershipAsync(stoppingToken);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leader.LeadingToken);
            foreach (var pod in pods.Cache.List().Where(IsPending)) queue.Add(ObjectKey.Of(pod));
            try
            {
                while (true) await ScheduleOneAsync(await queue.TakeAsync(leading.Token), leading.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                LogStandingBy();
            }
        }
    }

    private async Task ScheduleOneAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var pod = pods.Cache.Get(ns, name);
        if (pod is null || !IsPending(pod) || cache.IsAssumed(pod.Metadata.Uid!))
        {
            queue.Forget(key);
            return;
        }

        // The binding, or the PodScheduled=False, is caused by the pod's latest change.
        using var cause = KubeApiClient.CausedBy(pods.Cache.CauseOf(ns, name));
        var result = Framework.Scheduling.Schedule(pod, cache.Snapshot(), profile);
        if (!result.Scheduled)
        {
            Interlocked.Increment(ref _unschedulable);
            LogUnschedulable(key, result.Message);
            queue.Requeue(key, unschedulable: true);
            await ReportUnschedulableAsync(pod, result.Message, cancellationToken);
            return;
        }

        cache.Assume(pod, result.NodeName);
        await _bindings.WaitAsync(cancellationToken);
        _ = BindAsync(key, pod, result.NodeName, cancellationToken);
    }

    private async Task BindAsync(string key, Pod pod, string node, CancellationToken cancellationToken)
    {
        try
        {
            if (!await PreBindAsync(key, pod, node, cancellationToken)) return;
            await api.BindAsync(pod.Metadata.Namespace!, pod.Metadata.Name!, node, cancellationToken);
            Interlocked.Increment(ref _scheduled);
            queue.Forget(key);
        }
        catch (ApiException ex) when (ex.IsConflict || ex.IsNotFound)
        {
            // Bound meanwhile (by another scheduler), or gone: the informer will show where, if anywhere.
            cache.Forget(pod.Metadata.Uid!);
            queue.Forget(key);
        }
        catch (Exception ex) when (ApiRetry.IsTransient(ex) || ex is OperationCanceledException)
        {
            Interlocked.Increment(ref _bindFailures);
            cache.Forget(pod.Metadata.Uid!);
            if (!cancellationToken.IsCancellationRequested) LogBindFailed(ex, key, node);
            queue.Requeue(key, unschedulable: false);
        }
        finally
        {
            _bindings.Release();
        }
    }

    // A claim that could not be given its node (gone meanwhile, or the Api unreachable) sends the pod back to be tried again.
    private async Task<bool> PreBindAsync(string key, Pod pod, string node, CancellationToken cancellationToken)
    {
        try
        {
            await preBinder.PreBindAsync(pod, node, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is ApiException || ApiRetry.IsTransient(ex) || ex is OperationCanceledException)
        {
            Interlocked.Increment(ref _bindFailures);
            cache.Forget(pod.Metadata.Uid!);
            if (!cancellationToken.IsCancellationRequested) LogPreBindFailed(ex, key, node);
            queue.Requeue(key, unschedulable: false);
            return false;
        }
    }

    private async Task ReportUnschedulableAsync(Pod pod, string message, CancellationToken cancellationToken)
    {
        var current = pod.Status.Condition(PodConditions.PodScheduled);
        if (current is { Status: ConditionStatuses.False, Reason: PodConditions.Unschedulable } && current.Message == message) return;
        var status = (pod.Status ?? new PodStatus()).WithCondition(new PodCondition
        {
            Type = PodConditions.PodScheduled,
            Status = ConditionStatuses.False,
            Reason = PodConditions.Unschedulable,
            Message = message,
            LastTransitionTime = time.GetUtcNow(),
        });
        try
        {
            // No resourceVersion: only the scheduler writes the status of a pod that is not bound yet.
            await api.ReplaceStatusAsync(ResourceKind.Pod, pod with { Metadata = pod.Metadata with { ResourceVersion = null }, Status = status }, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or ApiException)
        {
            LogStatusFailed(ex, ObjectKey.Of(pod));
        }
    }

    private void OnPodChanged(Pod? old, Pod? current)
    {
        if (current is null && old is not null)
        {
            queue.Forget(ObjectKey.Of(old));
            // A pod gone, or finished, frees room on its node.
            if (!string.IsNullOrEmpty(old.Spec.NodeName)) queue.MoveAllToActive();
            return;
        }
        if (current is null) return;
        if (IsPending(current)) queue.Add(ObjectKey.Of(current));
        else if (old is not null && !IsFinished(old) && IsFinished(current)) queue.MoveAllToActive();
    }

    private bool IsPending(Pod pod) =>
        string.IsNullOrEmpty(pod.Spec.NodeName)
        && pod.Metadata.DeletionTimestamp is null
        && (pod.Spec.SchedulerName ?? SchedulerOptions.DefaultSchedulerName) == options.Value.SchedulerName;

    private static bool IsFinished(Pod pod) => pod.Status?.Phase is PodPhases.Succeeded or PodPhases.Failed;

    [LoggerMessage(EventId = 600, Level = LogLevel.Debug, Message = "Pod {Pod} is unschedulable: {Message}")]
    private partial void LogUnschedulable(string pod, string message);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "Binding pod {Pod} to {Node} failed; it will be tried again")]
    private partial void LogBindFailed(Exception exception, string pod, string node);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "Could not record that pod {Pod} is unschedulable")]
    private partial void LogStatusFailed(Exception exception, string pod);

    [LoggerMessage(EventId = 604, Level = LogLevel.Warning, Message = "Giving the claims of pod {Pod} their node {Node} failed; it will be tried again")]
    private partial void LogPreBindFailed(Exception exception, string pod, string node);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "No longer the leader: scheduling stops until this instance leads again")]
    private partial void LogStandingBy();
}
