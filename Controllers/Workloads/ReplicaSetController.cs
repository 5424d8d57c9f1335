using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Controllers;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;

namespace EventOrch.Controllers.Workloads;

/// <summary>Kubernetes' replica set controller: keeps <c>spec.replicas</c> active pods matching each ReplicaSet's
/// selector. It adopts matching orphans, releases owned pods whose labels stopped matching, creates pods from the
/// template (owned by the ReplicaSet, named after it) and, when there are too many, deletes the least valuable
/// first (unscheduled, then not running, then not ready, then the newest); it reports the counts in the status.
/// Everything goes through the Api.</summary>
public sealed partial class ReplicaSetController : IReconciler
{
    private readonly Informer<ReplicaSet> _replicaSets;
    private readonly Informer<Pod> _pods;
    private readonly KubeApiClient _api;
    private readonly TimeProvider _time;
    private readonly ILogger<ReplicaSetController> _logger;
    private readonly Expectations _expectations;

    public ReplicaSetController(Informer<ReplicaSet> replicaSets, Informer<Pod> pods, KubeApiClient api, TimeProvider time,
        ILogger<ReplicaSetController> logger)
    {
        (_replicaSets, _pods, _api, _time, _logger) = (replicaSets, pods, api, time, logger);
        _expectations = new Expectations(time);
        Queue = new WorkQueue(time);
        pods.Cache.AddNamespaceIndex();
        replicaSets.Cache.Changed += (old, current) =>
        {
            if (current is null && old is not null) _expectations.Forget(ObjectKey.Of(old));
            Queue.Add(ObjectKey.Of((current ?? old)!));
        };
        pods.Cache.Changed += OnPodChanged;
    }

    public string Name => "replicaset-controller";

    public WorkQueue Queue { get; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_replicaSets.WaitForSyncAsync(cancellationToken), _pods.WaitForSyncAsync(cancellationToken));

    public IEnumerable<string> AllKeys() => _replicaSets.Cache.List().Select(ObjectKey.Of);

    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var rs = _replicaSets.Cache.Get(ns, name);
        if (rs is null) return;
        // What this pass writes was caused by the ReplicaSet's latest change (a create, a scale, a new template).
        using var cause = KubeApiClient.CausedBy(_replicaSets.Cache.CauseOf(ns, name));
        if (rs.Spec.Selector is null || !rs.Spec.Selector.TryToSelector(out var selector, out _) || selector.IsEverything) return;

        var owned = await ClaimAsync(rs, selector, cancellationToken);
        var active = owned.Where(IsActive).ToList();
        if (_expectations.Satisfied(key) && rs.Metadata.DeletionTimestamp is null)
            await ManageAsync(rs, key, active, cancellationToken);
        await UpdateStatusAsync(rs, key, active, cancellationToken);
    }

    // The pods this ReplicaSet owns after adopting matching orphans and releasing owned pods that stopped matching.
    private async Task<List<Pod>> ClaimAsync(ReplicaSet rs, LabelSelector selector, CancellationToken cancellationToken)
    {
        var uid = rs.Metadata.Uid!;
        var owned = new List<Pod>();
        foreach (var pod in _pods.Cache.InNamespace(rs.Metadata.Namespace!))
        {
            var controller = ControllerOf(pod);
            var matches = selector.Matches(pod.Metadata.Labels);
            if (controller?.Uid == uid)
            {
                if (matches) owned.Add(pod);
                else if (pod.Metadata.DeletionTimestamp is null) await SetControllerAsync(pod, rs, adopt: false, cancellationToken);
            }
            else if (controller is null && matches && pod.Metadata.DeletionTimestamp is null && rs.Metadata.DeletionTimestamp is null)
            {
                if (await SetControllerAsync(pod, rs, adopt: true, cancellationToken) is { } adopted) owned.Add(adopted);
            }
        }
        return owned;
    }

    private async Task ManageAsync(ReplicaSet rs, string key, List<Pod> active, CancellationToken cancellationToken)
    {
        var diff = active.Count - (rs.Spec.Replicas ?? 1);
        if (diff < 0)
        {
            var missing = Math.Min(-diff, BurstReplicas);
            _expectations.ExpectCreations(key, missing);
            // Kubernetes' slow start: batches of 1, 2, 4, ... so a template that cannot be created fails once, not 500 times.
            var created = 0;
            for (var batch = 1; created < missing; batch = Math.Min(batch * 2, missing - created))
            {
                var size = Math.Min(batch, missing - created);
                var results = await Task.WhenAll(Enumerable.Range(0, size).Select(_ => CreatePodAsync(rs, key, cancellationToken)));
                created += size;
                if (results.Any(ok => !ok))
                {
                    for (var i = created; i < missing; i++) _expectations.CreationObserved(key);
                    throw new InvalidOperationException($"creating pods for ReplicaSet {key} failed");
                }
            }
            LogScaled(key, "created", missing, rs.Spec.Replicas ?? 1);
        }
        else if (diff > 0)
        {
            var victims = active.OrderBy(p => p, PodDeletionOrder.Instance).Take(Math.Min(diff, BurstReplicas)).ToList();
            foreach (var pod in victims) _expectations.ExpectDeletion(key, pod.Metadata.Uid!);
            await Task.WhenAll(victims.Select(pod => DeletePodAsync(key, pod, cancellationToken)));
            LogScaled(key, "deleted", victims.Count, rs.Spec.Replicas ?? 1);
        }
    }

    private const int BurstReplicas = 500;

    private async Task<bool> CreatePodAsync(ReplicaSet rs, string key, CancellationToken cancellationToken)
    {
        var template = rs.Spec.Template!;
        var pod = new Pod
        {
            Metadata = new ObjectMeta
            {
                GenerateName = GenerateNamePrefix(rs.Metadata.Name!),
                Namespace = rs.Metadata.Namespace,
                Labels = template.Metadata?.Labels is { } labels ? new(labels) : null,
                Annotations = template.Metadata?.Annotations is { } annotations ? new(annotations) : null,
                OwnerReferences = [ControllerReference(rs)],
            },
            Spec = template.Spec,
        };
        try
        {
            await _api.CreateAsync(ResourceKind.Pod, pod, cancellationToken);
            return true;
        }
        catch (ApiException ex)
        {
            // The informer will not see this one: lower the expectation now.
            _expectations.CreationObserved(key);
            LogCreateFailed(ex, key, ex.Message);
            return false;
        }
    }

    private async Task DeletePodAsync(string key, Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            await _api.DeleteAsync<Pod>(ResourceKind.Pod, pod.Metadata.Namespace, pod.Metadata.Name!, cancellationToken);
        }
        catch (ApiException ex) when (ex.IsNotFound)
        {
            _expectations.DeletionObserved(key, pod.Metadata.Uid!);
        }
        catch
        {
            _expectations.DeletionObserved(key, pod.Metadata.Uid!);
            throw;
        }
    }

    private async Task UpdateStatusAsync(ReplicaSet rs, string key, List<Pod> active, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var minReady = TimeSpan.FromSeconds(rs.Spec.MinReadySeconds ?? 0);
        var templateLabels = rs.Spec.Template?.Metadata?.Labels ?? [];
        var ready = active.Where(p => p.IsReady()).ToList();
        var available = ready.Count(p => IsAvailable(p, minReady, now));
        var status = (rs.Status ?? new ReplicaSetStatus()) with
        {
            Replicas = active.Count,
            FullyLabeledReplicas = active.Count(p => templateLabels.All(l => p.Metadata.Labels?.GetValueOrDefault(l.Key) == l.Value)),
            ReadyReplicas = ready.Count,
            AvailableReplicas = available,
            ObservedGeneration = rs.Metadata.Generation,
        };
        // A ready pod becomes available minReadySeconds after it became ready: look again then.
        if (available < ready.Count) Queue.AddAfter(key, NextAvailability(ready, minReady, now));
        if (Contracts.Serialization.KubeJson.Equal(rs.Status, status)) return;
        // No resourceVersion: the controller is the only writer of a ReplicaSet's status.
        await _api.ReplaceStatusAsync(ResourceKind.ReplicaSet,
            rs with { Metadata = rs.Metadata with { ResourceVersion = null }, Status = status }, cancellationToken);
    }

    private async Task<Pod?> SetControllerAsync(Pod pod, ReplicaSet rs, bool adopt, CancellationToken cancellationToken)
    {
        var references = (pod.Metadata.OwnerReferences ?? []).Where(r => r.Uid != rs.Metadata.Uid).ToList();
        if (adopt) references.Add(ControllerReference(rs));
        try
        {
            // With the resourceVersion the informer showed: a pod changed meanwhile is a conflict, retried on fresh state.
            var updated = await _api.ReplaceAsync(ResourceKind.Pod,
                pod with { Metadata = pod.Metadata with { OwnerReferences = references.Count == 0 ? null : references } }, cancellationToken);
            LogClaimed(ObjectKey.Of(rs), adopt ? "adopted" : "released", pod.Metadata.Name!);
            return updated;
        }
        catch (ApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    private void OnPodChanged(Pod? old, Pod? current)
    {
        var pod = (current ?? old)!;
        var owner = ControllerOf(current ?? old!);
        if (owner is { Kind: "ReplicaSet" })
        {
            var key = ObjectKey.Of(pod.Metadata.Namespace, owner.Name);
            if (old is null && current is not null) _expectations.CreationObserved(key);
            if (current is null || (current.Metadata.DeletionTimestamp is not null && old?.Metadata.DeletionTimestamp is null))
                _expectations.DeletionObserved(key, pod.Metadata.Uid!);
            Queue.Add(key);
        }
        if (old is not null && ControllerOf(old) is { Kind: "ReplicaSet" } was && was.Uid != owner?.Uid)
            Queue.Add(ObjectKey.Of(old.Metadata.Namespace, was.Name));
        // An orphan may be adopted by any ReplicaSet of its namespace whose selector matches it.
        if (current is not null && owner is null)
        {
            foreach (var rs in _replicaSets.Cache.List())
            {
                if (rs.Metadata.Namespace == current.Metadata.Namespace && rs.Spec.Selector?.TryToSelector(out var selector, out _) == true
                    && !selector.IsEverything && selector.Matches(current.Metadata.Labels))
                {
                    Queue.Add(ObjectKey.Of(rs));
                }
            }
        }
    }

    private static bool IsActive(Pod pod) =>
        pod.Metadata.DeletionTimestamp is null && pod.Status?.Phase is not (PodPhases.Succeeded or PodPhases.Failed);

    private static bool IsAvailable(Pod pod, TimeSpan minReady, DateTimeOffset now) =>
        minReady == TimeSpan.Zero || pod.Status.Condition(PodConditions.Ready)?.LastTransitionTime is { } since && since + minReady <= now;

    private static TimeSpan NextAvailability(List<Pod> ready, TimeSpan minReady, DateTimeOffset now) =>
        ready.Select(p => (p.Status.Condition(PodConditions.Ready)?.LastTransitionTime ?? now) + minReady - now)
            .Where(t => t > TimeSpan.Zero).DefaultIfEmpty(TimeSpan.FromSeconds(1)).Min();

    public static OwnerReference? ControllerOf(Pod pod) => pod.Metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    private static OwnerReference ControllerReference(ReplicaSet rs) => new()
    {
        ApiVersion = rs.ApiVersion,
        Kind = rs.Kind,
        Name = rs.Metadata.Name!,
        Uid = rs.Metadata.Uid!,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    // Kubernetes leaves room for the five random characters the Api appends (names are at most 253 characters).
    private static string GenerateNamePrefix(string name) => (name.Length > 58 ? name[..58] : name) + "-";

    [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "ReplicaSet {Key}: {Action} {Count} pod(s) towards {Replicas} replicas")]
    private partial void LogScaled(string key, string action, int count, int replicas);

    [LoggerMessage(EventId = 711, Level = LogLevel.Warning, Message = "ReplicaSet {Key}: creating a pod failed: {Reason}")]
    private partial void LogCreateFailed(Exception exception, string key, string reason);

    [LoggerMessage(EventId = 712, Level = LogLevel.Information, Message = "ReplicaSet {Key} {Action} pod {Pod}")]
    private partial void LogClaimed(string key, string action, string pod);
}
