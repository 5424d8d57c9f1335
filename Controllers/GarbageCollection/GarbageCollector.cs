using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Controllers;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.GarbageCollection;

/// <summary>Kubernetes' garbage collector, background propagation, for pods owned by ReplicaSets: a pod whose every
/// owner is gone is deleted. "Gone" is checked against the Api before anything is deleted, since the informer may
/// not have seen a new owner yet. Owners of kinds it does not know are taken to be alive.</summary>
public sealed partial class GarbageCollector : IReconciler
{
    private readonly Informer<Pod> _pods;
    private readonly Informer<ReplicaSet> _replicaSets;
    private readonly KubeApiClient _api;
    private readonly ILogger<GarbageCollector> _logger;

    public GarbageCollector(Informer<Pod> pods, Informer<ReplicaSet> replicaSets, KubeApiClient api, TimeProvider time, ILogger<GarbageCollector> logger)
    {
        (_pods, _replicaSets, _api, _logger) = (pods, replicaSets, api, logger);
        Queue = new WorkQueue(time);
        pods.Cache.Changed += (_, current) =>
        {
            if (current is not null && HasKnownOwners(current)) Queue.Add(ObjectKey.Of(current));
        };
        // An owner gone: look at every pod that named it.
        replicaSets.Cache.Changed += (old, current) =>
        {
            if (current is not null || old is null) return;
            foreach (var pod in _pods.Cache.List().Where(p => p.Metadata.OwnerReferences?.Any(r => r.Uid == old.Metadata.Uid) == true))
                Queue.Add(ObjectKey.Of(pod));
        };
    }

    public string Name => "garbage-collector";

    public WorkQueue Queue { get; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_pods.WaitForSyncAsync(cancellationToken), _replicaSets.WaitForSyncAsync(cancellationToken));

    public IEnumerable<string> AllKeys() => _pods.Cache.List().Where(HasKnownOwners).Select(ObjectKey.Of);

    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var pod = _pods.Cache.Get(ns, name);
        if (pod?.Metadata.OwnerReferences is not { Count: > 0 } owners || pod.Metadata.DeletionTimestamp is not null) return;
        foreach (var owner in owners)
        {
            if (owner.Kind != "ReplicaSet" || owner.ApiVersion != "apps/v1") return;
            if (_replicaSets.Cache.Get(pod.Metadata.Namespace, owner.Name)?.Metadata.Uid == owner.Uid) return;
            var live = await _api.GetAsync<ReplicaSet>(ResourceKind.ReplicaSet, pod.Metadata.Namespace, owner.Name, cancellationToken);
            if (live?.Metadata.Uid == owner.Uid) return;
        }
        try
        {
            await _api.DeleteAsync<Pod>(ResourceKind.Pod, pod.Metadata.Namespace, pod.Metadata.Name!, cancellationToken);
            LogCollected(key, string.Join(", ", owners.Select(o => $"{o.Kind}/{o.Name}")));
        }
        catch (ApiException ex) when (ex.IsNotFound)
        {
        }
    }

    private static bool HasKnownOwners(Pod pod) => pod.Metadata.OwnerReferences?.Any(r => r.Kind == "ReplicaSet") == true;

    [LoggerMessage(EventId = 730, Level = LogLevel.Information, Message = "Deleted pod {Pod}: its owners ({Owners}) are gone")]
    private partial void LogCollected(string pod, string owners);
}
