using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Controllers;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.Storage;

/// <summary>Kubernetes' pvc-protection and pv-protection controllers: a claim being deleted keeps
/// <c>kubernetes.io/pvc-protection</c> while a pod of its namespace that has not finished (Succeeded or Failed) names it,
/// a volume being deleted keeps <c>kubernetes.io/pv-protection</c> while a claim is bound to it; then the finalizer goes
/// and the Api completes the delete. Claim keys are "namespace/name", volume keys "/name".</summary>
public sealed partial class StorageProtectionController : IReconciler
{
    private readonly Informer<PersistentVolumeClaim> _claims;
    private readonly Informer<PersistentVolume> _volumes;
    private readonly Informer<Pod> _pods;
    private readonly KubeApiClient _api;
    private readonly ILogger<StorageProtectionController> _logger;

    public StorageProtectionController(Informer<PersistentVolumeClaim> claims, Informer<PersistentVolume> volumes, Informer<Pod> pods,
        KubeApiClient api, TimeProvider time, ILogger<StorageProtectionController> logger)
    {
        (_claims, _volumes, _pods, _api, _logger) = (claims, volumes, pods, api, logger);
        Queue = new WorkQueue(time);
        pods.Cache.AddNamespaceIndex();
        claims.Cache.Changed += (old, current) =>
        {
            if (current is not null) Queue.Add(ObjectKey.Of(current));
            // A claim that went frees its volume.
            if (current is null && old?.Spec.VolumeName is { Length: > 0 } volume) Queue.Add(ObjectKey.Of(null, volume));
        };
        volumes.Cache.Changed += (_, current) =>
        {
            if (current is not null) Queue.Add(ObjectKey.Of(current));
        };
        pods.Cache.Changed += (old, current) =>
        {
            // A pod that finished or went frees the claims it named.
            var pod = (current ?? old)!;
            foreach (var claim in PersistentVolumes.ClaimsOf(pod)) Queue.Add(ObjectKey.Of(pod.Metadata.Namespace, claim));
        };
    }

    public string Name => "storage-protection-controller";

    public WorkQueue Queue { get; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.WhenAll(_claims.WaitForSyncAsync(cancellationToken),
        _volumes.WaitForSyncAsync(cancellationToken), _pods.WaitForSyncAsync(cancellationToken));

    public IEnumerable<string> AllKeys() =>
        _claims.Cache.List().Where(c => c.Metadata.DeletionTimestamp is not null).Select(ObjectKey.Of)
            .Concat(_volumes.Cache.List().Where(v => v.Metadata.DeletionTimestamp is not null).Select(ObjectKey.Of));

    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        if (ns.Length == 0)
        {
            if (_volumes.Cache.Get(null, name) is { Metadata.DeletionTimestamp: not null } volume
                && volume.Metadata.Finalizers?.Contains(PersistentVolumes.PvProtectionFinalizer) == true && !IsBound(volume))
            {
                await _api.ReplaceAsync(ResourceKind.PersistentVolume, volume with { Metadata = volume.Metadata.WithoutFinalizer(PersistentVolumes.PvProtectionFinalizer) },
                    cancellationToken);
                LogReleased("volume", key);
            }
            return;
        }
        if (_claims.Cache.Get(ns, name) is not { Metadata.DeletionTimestamp: not null } claim
            || claim.Metadata.Finalizers?.Contains(PersistentVolumes.PvcProtectionFinalizer) != true) return;
        if (_pods.Cache.InNamespace(ns).Any(p => PersistentVolumes.HoldsClaim(p, name))) return;
        // The cache may lag a pod just created: the Api's own list has the last word, as Kubernetes' controller asks it.
        var live = await _api.ListAsync<Pod>(ResourceKind.Pod, ns, cancellationToken: cancellationToken);
        if (live.Items.Any(p => PersistentVolumes.HoldsClaim(p, name))) return;
        await _api.ReplaceAsync(ResourceKind.PersistentVolumeClaim, claim with { Metadata = claim.Metadata.WithoutFinalizer(PersistentVolumes.PvcProtectionFinalizer) },
            cancellationToken);
        LogReleased("claim", key);
    }

    // A claim still names the volume and is the one its claimRef reserves it for.
    private bool IsBound(PersistentVolume volume) =>
        volume.Spec.ClaimRef is { Namespace: { } ns, Name: { } name } && _claims.Cache.Get(ns, name) is { } claim && PersistentVolumes.AreBound(volume, claim);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "{What} {Key} is no longer in use: its protection finalizer is removed")]
    private partial void LogReleased(string what, string key);
}
