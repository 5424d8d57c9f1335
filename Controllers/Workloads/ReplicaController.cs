using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Controllers;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;

namespace EventOrch.Controllers.Workloads;

/// <summary>Kubernetes' replica set controller, for every kind that keeps <c>replicas</c> pods matching a selector
/// (ReplicaSets and ReplicationControllers): it adopts matching orphans, releases owned pods whose labels stopped
/// matching, creates pods from the template (owned by the workload, named after it) and, when there are too many,
/// deletes the least valuable first (unscheduled, then not running, then not ready, then the newest); it reports
/// the counts in the status. A create the Api refuses (a quota, say) shows as the condition ReplicaFailure (reason
/// FailedCreate, the Api's message) until creates succeed again, and the key is retried with backoff. Everything goes
/// through the Api.</summary>
public abstract partial class ReplicaController<T> : IReconciler where T : class, IKubeObject
{
    private readonly Informer<T> _owners;
    private readonly Informer<Pod> _pods;
    private readonly KubeApiClient _api;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Expectations _expectations;

    protected ReplicaController(Informer<T> owners, Informer<Pod> pods, KubeApiClient api, TimeProvider time, ILogger logger)
    {
        (_owners, _pods, _api, _time, _logger) = (owners, pods, api, time, logger);
        _expectations = new Expectations(time);
        Queue = new WorkQueue(time);
        pods.Cache.AddNamespaceIndex();
        owners.Cache.Changed += (old, current) =>
        {
            if (current is null && old is not null) _expectations.Forget(ObjectKey.Of(old));
            Queue.Add(ObjectKey.Of((current ?? old)!));
        };
        pods.Cache.Changed += OnPodChanged;
    }

    public abstract string Name { get; }

    protected abstract ResourceKind Kind { get; }

    /// <summary>The workload's selector; <see cref="LabelSelector.Everything"/> when it has none that is valid (it then manages nothing).</summary>
    protected abstract LabelSelector SelectorOf(T owner);

    protected abstract int ReplicasOf(T owner);

    protected abstract int MinReadySecondsOf(T owner);

    protected abstract PodTemplateSpec? TemplateOf(T owner);

    protected abstract ReplicaSetStatus? StatusOf(T owner);

    /// <summary>The workload with this status and no resourceVersion: the controller is the only writer of the status.</summary>
    protected abstract T WithStatus(T owner, ReplicaSetStatus status);

    public WorkQueue Queue { get; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_owners.WaitForSyncAsync(cancellationToken), _pods.WaitForSyncAsync(cancellationToken));

    public IEnumerable<string> AllKeys() => _owners.Cache.List().Select(ObjectKey.Of);

    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var owner = _owners.Cache.Get(ns, name);
        if (owner is null) return;
        // What this pass writes was caused by the workload's latest change (a create, a scale, a new template).
        using var cause = KubeApiClient.CausedBy(_owners.Cache.CauseOf(ns, name));
        var selector = SelectorOf(owner);
        if (selector.IsEverything) return;

        var owned = await Ownership.ClaimAsync(owner, selector, _pods.Cache.InNamespace(ns), ResourceKind.Pod,
            (pod, meta) => pod with { Metadata = meta }, _api, (action, what) => LogClaimed(Kind.Kind, key, action, what), cancellationToken);
        var active = owned.Where(IsActive).ToList();
        Managed? managed = null;
        if (_expectations.Satisfied(key) && owner.Metadata.DeletionTimestamp is null)
            managed = new Managed(await ManageAsync(owner, key, active, cancellationToken));
        await UpdateStatusAsync(owner, key, active, managed, cancellationToken);
        // Retried with the queue's growing delay, so a refused create does not loop hot.
        if (managed?.CreateFailure is { } failure) throw new InvalidOperationException($"creating pods for {Kind.Kind} {key} failed: {failure}");
    }

    /// <summary>What a pass that managed the replicas found: the first refusal of a pod create, if any.</summary>
    private sealed record Managed(string? CreateFailure);

    private async Task<string?> ManageAsync(T owner, string key, List<Pod> active, CancellationToken cancellationToken)
    {
        var replicas = ReplicasOf(owner);
        var diff = active.Count - replicas;
        if (diff < 0)
        {
            var missing = Math.Min(-diff, BurstReplicas);
            _expectations.ExpectCreations(key, missing);
            // Kubernetes' slow start: batches of 1, 2, 4, ... so a template that cannot be created fails once, not 500 times.
            var created = 0;
            for (var batch = 1; created < missing; batch = Math.Min(batch * 2, missing - created))
            {
                var size = Math.Min(batch, missing - created);
                var results = await Task.WhenAll(Enumerable.Range(0, size).Select(_ => CreatePodAsync(owner, key, cancellationToken)));
                created += size;
                if (results.FirstOrDefault(failure => failure is not null) is { } failed)
                {
                    for (var i = created; i < missing; i++) _expectations.CreationObserved(key);
                    return failed;
                }
            }
            LogScaled(Kind.Kind, key, "created", missing, replicas);
        }
        else if (diff > 0)
        {
            var victims = active.OrderBy(p => p, PodDeletionOrder.Instance).Take(Math.Min(diff, BurstReplicas)).ToList();
            foreach (var pod in victims) _expectations.ExpectDeletion(key, pod.Metadata.Uid!);
            await Task.WhenAll(victims.Select(pod => DeletePodAsync(key, pod, cancellationToken)));
            LogScaled(Kind.Kind, key, "deleted", victims.Count, replicas);
        }
        return null;
    }

    private const int BurstReplicas = 500;

    // Null when the pod was created, else the Api's message.
    private async Task<string?> CreatePodAsync(T owner, string key, CancellationToken cancellationToken)
    {
        var template = TemplateOf(owner)!;
        var pod = new Pod
        {
            Metadata = new ObjectMeta
            {
                GenerateName = GenerateNamePrefix(owner.Metadata.Name!),
                Namespace = owner.Metadata.Namespace,
                Labels = template.Metadata?.Labels is { } labels ? new(labels) : null,
                Annotations = template.Metadata?.Annotations is { } annotations ? new(annotations) : null,
                OwnerReferences = [Ownership.ControllerReference(owner)],
            },
            Spec = template.Spec,
        };
        try
        {
            await _api.CreateAsync(ResourceKind.Pod, pod, cancellationToken);
            return null;
        }
        catch (ApiException ex)
        {
            // The informer will not see this one: lower the expectation now.
            _expectations.CreationObserved(key);
            LogCreateFailed(ex, Kind.Kind, key, ex.Message);
            return ex.Message;
        }
    }

    private async Task DeletePodAsync(string key, Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            await _api.DeleteAsync<Pod>(ResourceKind.Pod, pod.Metadata.Namespace, pod.Metadata.Name!, cancellationToken: cancellationToken);
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

    private async Task UpdateStatusAsync(T owner, string key, List<Pod> active, Managed? managed, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var minReady = TimeSpan.FromSeconds(MinReadySecondsOf(owner));
        var templateLabels = TemplateOf(owner)?.Metadata?.Labels ?? [];
        var ready = active.Where(p => p.IsReady()).ToList();
        var available = ready.Count(p => IsAvailable(p, minReady, now));
        var current = StatusOf(owner);
        var status = (current ?? new ReplicaSetStatus()) with
        {
            Replicas = active.Count,
            FullyLabeledReplicas = active.Count(p => templateLabels.All(l => p.Metadata.Labels?.GetValueOrDefault(l.Key) == l.Value)),
            ReadyReplicas = ready.Count,
            AvailableReplicas = available,
            ObservedGeneration = owner.Metadata.Generation,
            Conditions = Conditions(current?.Conditions, managed, now),
        };
        // A ready pod becomes available minReadySeconds after it became ready: look again then.
        if (available < ready.Count) Queue.AddAfter(key, NextAvailability(ready, minReady, now));
        if (Contracts.Serialization.KubeJson.Equal(current, status)) return;
        await _api.ReplaceStatusAsync(Kind, WithStatus(owner, status), cancellationToken);
    }

    // Kubernetes' calculateStatus: ReplicaFailure appears (FailedCreate, with the Api's message) when a create was
    // refused and is not there yet, and goes once a pass manages the replicas without a refusal; a pass that waits for
    // its expectations leaves it as it is.
    private static List<ReplicaSetCondition>? Conditions(List<ReplicaSetCondition>? current, Managed? managed, DateTimeOffset now)
    {
        var conditions = current?.ToList() ?? [];
        var failure = conditions.FirstOrDefault(c => c.Type == ReplicaFailure);
        if (managed?.CreateFailure is { } message && failure is null)
            conditions.Add(new ReplicaSetCondition { Type = ReplicaFailure, Status = ConditionStatuses.True, Reason = FailedCreate, Message = message, LastTransitionTime = now.ToWholeSeconds() });
        else if (managed is { CreateFailure: null } && failure is not null) conditions.Remove(failure);
        return conditions.Count == 0 ? null : conditions;
    }

    private const string ReplicaFailure = DeploymentConventions.ReplicaFailure;
    private const string FailedCreate = "FailedCreate";

    private void OnPodChanged(Pod? old, Pod? current)
    {
        var pod = (current ?? old)!;
        var owner = Ownership.ControllerOf(pod);
        if (owner is not null && Ownership.IsControlledBy(pod, Kind))
        {
            var key = ObjectKey.Of(pod.Metadata.Namespace, owner.Name);
            if (old is null && current is not null) _expectations.CreationObserved(key);
            if (current is null || (current.Metadata.DeletionTimestamp is not null && old?.Metadata.DeletionTimestamp is null))
                _expectations.DeletionObserved(key, pod.Metadata.Uid!);
            Queue.Add(key);
        }
        if (old is not null && Ownership.IsControlledBy(old, Kind) && Ownership.ControllerOf(old)!.Uid != owner?.Uid)
            Queue.Add(ObjectKey.Of(old.Metadata.Namespace, Ownership.ControllerOf(old)!.Name));
        // An orphan may be adopted by any workload of its namespace whose selector matches it.
        if (current is not null && owner is null)
        {
            foreach (var candidate in Ownership.MayAdopt(_owners.Cache.List(), current, SelectorOf)) Queue.Add(ObjectKey.Of(candidate));
        }
    }

    private static bool IsActive(Pod pod) =>
        pod.Metadata.DeletionTimestamp is null && pod.Status?.Phase is not (PodPhases.Succeeded or PodPhases.Failed);

    private static bool IsAvailable(Pod pod, TimeSpan minReady, DateTimeOffset now) =>
        minReady == TimeSpan.Zero || pod.Status.Condition(PodConditions.Ready)?.LastTransitionTime is { } since && since + minReady <= now;

    private static TimeSpan NextAvailability(List<Pod> ready, TimeSpan minReady, DateTimeOffset now) =>
        ready.Select(p => (p.Status.Condition(PodConditions.Ready)?.LastTransitionTime ?? now) + minReady - now)
            .Where(t => t > TimeSpan.Zero).DefaultIfEmpty(TimeSpan.FromSeconds(1)).Min();

    // Kubernetes leaves room for the five random characters the Api appends (names are at most 253 characters).
    private static string GenerateNamePrefix(string name) => (name.Length > 58 ? name[..58] : name) + "-";

    [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "{Kind} {Key}: {Action} {Count} pod(s) towards {Replicas} replicas")]
    private partial void LogScaled(string kind, string key, string action, int count, int replicas);

    [LoggerMessage(EventId = 711, Level = LogLevel.Warning, Message = "{Kind} {Key}: creating a pod failed: {Reason}")]
    private partial void LogCreateFailed(Exception exception, string kind, string key, string reason);

    [LoggerMessage(EventId = 712, Level = LogLevel.Information, Message = "{Kind} {Key} {Action} {What}")]
    private partial void LogClaimed(string kind, string key, string action, string what);
}

/// <summary>The replica set controller (apps/v1 ReplicaSets, set-based selectors).</summary>
public sealed class ReplicaSetController(Informer<ReplicaSet> replicaSets, Informer<Pod> pods, KubeApiClient api, TimeProvider time,
    ILogger<ReplicaSetController> logger) : ReplicaController<ReplicaSet>(replicaSets, pods, api, time, logger)
{
    public override string Name => "replicaset-controller";

    protected override ResourceKind Kind => ResourceKind.ReplicaSet;

    protected override LabelSelector SelectorOf(ReplicaSet owner) => LabelSelectorSpec.SelectorOf(owner.Spec.Selector);

    protected override int ReplicasOf(ReplicaSet owner) => owner.Spec.Replicas ?? 1;

    protected override int MinReadySecondsOf(ReplicaSet owner) => owner.Spec.MinReadySeconds ?? 0;

    protected override PodTemplateSpec? TemplateOf(ReplicaSet owner) => owner.Spec.Template;

    protected override ReplicaSetStatus? StatusOf(ReplicaSet owner) => owner.Status;

    protected override ReplicaSet WithStatus(ReplicaSet owner, ReplicaSetStatus status) => owner with { Status = status, Metadata = owner.Metadata with { ResourceVersion = null } };
}

/// <summary>The replication manager (v1 ReplicationControllers, equality selectors).</summary>
public sealed class ReplicationManager(Informer<ReplicationController> controllers, Informer<Pod> pods, KubeApiClient api, TimeProvider time,
    ILogger<ReplicationManager> logger) : ReplicaController<ReplicationController>(controllers, pods, api, time, logger)
{
    public override string Name => "replicationcontroller-controller";

    protected override ResourceKind Kind => ResourceKind.ReplicationController;

    protected override LabelSelector SelectorOf(ReplicationController owner) => Contracts.Validation.ReplicationControllerValidation.Selector(owner.Spec);

    protected override int ReplicasOf(ReplicationController owner) => owner.Spec.Replicas ?? 1;

    protected override int MinReadySecondsOf(ReplicationController owner) => owner.Spec.MinReadySeconds ?? 0;

    protected override PodTemplateSpec? TemplateOf(ReplicationController owner) => owner.Spec.Template;

    protected override ReplicaSetStatus? StatusOf(ReplicationController owner) => owner.Status;

    protected override ReplicationController WithStatus(ReplicationController owner, ReplicaSetStatus status) => owner with { Status = status, Metadata = owner.Metadata with { ResourceVersion = null } };
}
