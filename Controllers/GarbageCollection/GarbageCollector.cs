using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Controllers;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.GarbageCollection;

/// <summary>Kubernetes' garbage collector. Background: a dependent whose every owner is gone is deleted ("gone" is
/// checked against the Api first, since the informer may not have seen a new owner yet; an owner of a kind it does not
/// know is taken to be alive). Orphan: an owner being deleted with the orphan finalizer has its references removed
/// from its dependents, then the finalizer. Foreground: an owner being deleted with foregroundDeletion has its
/// dependents deleted (in the foreground too), and loses the finalizer once none names it. The Api removes an owner
/// when its last finalizer goes.</summary>
public sealed partial class GarbageCollector : IReconciler
{
    // The kinds it knows, one line each; each needs its informer in the host (ComponentBuilder.AddInformer).
    // Owners: kinds that ownerReferences name and whose orphan and foregroundDeletion finalizers it finishes (their
    // ResourceDefinition sets OwnsDependents in the Api).
    private static readonly Func<IServiceProvider, CollectedKind>[] OwnerKinds =
    [
        CollectedKind.Of<ReplicaSet>(),
        CollectedKind.Of<ReplicationController>(),
        CollectedKind.Of<Deployment>(),
        CollectedKind.Of<StatefulSet>(),
    ];

    // Dependents: kinds whose objects carry ownerReferences and are collected once their owners are gone.
    private static readonly Func<IServiceProvider, CollectedKind>[] DependentKinds =
    [
        CollectedKind.Of<Pod>(),
        CollectedKind.Of<ReplicaSet>(),
        CollectedKind.Of<PersistentVolumeClaim>(),
    ];

    private readonly Dictionary<string, CollectedKind> _kinds = new(StringComparer.Ordinal);
    private readonly List<CollectedKind> _owners;
    private readonly List<CollectedKind> _dependents;
    private readonly ILogger<GarbageCollector> _logger;

    public GarbageCollector(IServiceProvider services, TimeProvider time, ILogger<GarbageCollector> logger)
    {
        _logger = logger;
        Queue = new WorkQueue(time);
        // A kind in both roles is one CollectedKind, watched once.
        CollectedKind Resolve(Func<IServiceProvider, CollectedKind> create)
        {
            var kind = create(services);
            return _kinds.TryAdd(kind.Resource, kind) ? kind : _kinds[kind.Resource];
        }
        _owners = OwnerKinds.Select(Resolve).ToList();
        _dependents = DependentKinds.Select(Resolve).ToList();
        foreach (var kind in _kinds.Values) kind.OnChanged((old, current) => OnChanged(kind, old, current));
    }

    public string Name => "garbage-collector";

    public WorkQueue Queue { get; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_kinds.Values.Select(k => k.WaitForSyncAsync(cancellationToken)));

    public IEnumerable<string> AllKeys() =>
        _owners.SelectMany(k => k.List().Where(IsFinishing).Select(o => Key(k, o)))
            .Concat(_dependents.SelectMany(k => k.List().Where(HasOwners).Select(o => Key(k, o))))
            .Distinct(StringComparer.Ordinal);

    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (!_kinds.TryGetValue(key[..colon], out var kind)) return;
        var (ns, name) = ObjectKey.Split(key[(colon + 1)..]);
        if (kind.Get(ns, name) is not { } obj) return;
        if (_owners.Contains(kind) && IsFinishing(obj))
        {
            // What it writes for an owner was caused by the owner's latest change: the delete that set its finalizer.
            using var cause = KubeApiClient.CausedBy(kind.CauseOf(ns, name));
            if (obj.Metadata.Finalizers!.Contains(GarbageCollectionFinalizers.Orphan)) await OrphanAsync(kind, obj, cancellationToken);
            else await DeleteInForegroundAsync(kind, obj, cancellationToken);
        }
        if (_dependents.Contains(kind) && HasOwners(obj)) await CollectAsync(kind, obj, cancellationToken);
    }

    // Orphan: every dependent forgets the owner (on the resourceVersion seen: a conflict retries the key on fresher
    // state), then the owner loses the finalizer.
    private async Task OrphanAsync(CollectedKind kind, IKubeObject owner, CancellationToken cancellationToken)
    {
        var uid = owner.Metadata.Uid!;
        var dependents = DependentsOf(owner);
        foreach (var (dependentKind, dependent) in dependents)
        {
            var references = dependent.Metadata.OwnerReferences!.Where(r => r.Uid != uid).ToList();
            try
            {
                await dependentKind.ReplaceMetadataAsync(dependent,
                    dependent.Metadata with { OwnerReferences = references.Count == 0 ? null : references }, cancellationToken);
            }
            catch (ApiException ex) when (ex.IsNotFound)
            {
            }
        }
        await RemoveFinalizerAsync(kind, owner, GarbageCollectionFinalizers.Orphan, cancellationToken);
        LogOrphaned(Key(kind, owner), dependents.Count);
    }

    // Foreground: delete every dependent not already going (their own dependents first, as Kubernetes does); the owner
    // comes back here as they change and go, and loses the finalizer once none names it.
    private async Task DeleteInForegroundAsync(CollectedKind kind, IKubeObject owner, CancellationToken cancellationToken)
    {
        var dependents = DependentsOf(owner);
        if (dependents.Count == 0)
        {
            await RemoveFinalizerAsync(kind, owner, GarbageCollectionFinalizers.ForegroundDeletion, cancellationToken);
            LogForegroundDone(Key(kind, owner));
            return;
        }
        var deleting = dependents.Where(d => d.Object.Metadata.DeletionTimestamp is null).ToList();
        foreach (var (dependentKind, dependent) in deleting)
            await DeleteAsync(dependentKind, dependent, PropagationPolicies.Foreground, unchanged: false, cancellationToken);
        if (deleting.Count > 0) LogForegroundDeleting(Key(kind, owner), deleting.Count);
    }

    // Background: a dependent whose every owner is gone is deleted, on the resourceVersion it was judged on.
    private async Task CollectAsync(CollectedKind kind, IKubeObject dependent, CancellationToken cancellationToken)
    {
        var owners = dependent.Metadata.OwnerReferences!;
        foreach (var reference in owners)
        {
            if (OwnerKindOf(reference) is not { } ownerKind) return;
            var ns = ownerKind.Kind.Namespaced ? dependent.Metadata.Namespace : null;
            if (ownerKind.Get(ns, reference.Name)?.Metadata.Uid == reference.Uid) return;
            if ((await ownerKind.GetLiveAsync(ns, reference.Name, cancellationToken))?.Metadata.Uid == reference.Uid) return;
        }
        // Collected because an owner was deleted: that deletion is the cause.
        using var cause = KubeApiClient.CausedBy(owners.Select(r => OwnerKindOf(r)?.DeletionCauseOf(r.Uid)).FirstOrDefault(id => id is not null));
        // Its own dependents go as its finalizers say (Kubernetes keeps an orphan or foregroundDeletion it carries).
        var policy = dependent.Metadata.Finalizers?.Contains(GarbageCollectionFinalizers.Orphan) == true ? PropagationPolicies.Orphan
            : dependent.Metadata.Finalizers?.Contains(GarbageCollectionFinalizers.ForegroundDeletion) == true ? PropagationPolicies.Foreground
            : PropagationPolicies.Background;
        if (await DeleteAsync(kind, dependent, policy, unchanged: true, cancellationToken))
            LogCollected(Key(kind, dependent), string.Join(", ", owners.Select(o => $"{o.Kind}/{o.Name}")));
    }

    // False when the object is gone, or is not the one seen any more (another uid; or, when unchanged, a newer version
    // that will be judged on its own event).
    private static async Task<bool> DeleteAsync(CollectedKind kind, IKubeObject obj, string policy, bool unchanged, CancellationToken cancellationToken)
    {
        try
        {
            await kind.DeleteAsync(obj, policy, unchanged, cancellationToken);
            return true;
        }
        catch (ApiException ex) when (ex.IsNotFound || ex.IsConflict)
        {
            return false;
        }
    }

    private static async Task RemoveFinalizerAsync(CollectedKind kind, IKubeObject owner, string finalizer, CancellationToken cancellationToken)
    {
        try
        {
            await kind.ReplaceMetadataAsync(owner, owner.Metadata.WithoutFinalizer(finalizer), cancellationToken);
        }
        catch (ApiException ex) when (ex.IsNotFound)
        {
        }
    }

    private void OnChanged(CollectedKind kind, IKubeObject? old, IKubeObject? current)
    {
        if (_owners.Contains(kind))
        {
            if (current is not null && IsFinishing(current)) Queue.Add(Key(kind, current));
            // An owner gone: every dependent that named it may be collectable now.
            if (current is null && old is not null)
            {
                foreach (var (dependentKind, dependent) in DependentsOf(old)) Queue.Add(Key(dependentKind, dependent));
            }
        }
        if (!_dependents.Contains(kind)) return;
        if (current is not null && HasOwners(current)) Queue.Add(Key(kind, current));
        // An owner waiting for its dependents looks again when one changes or goes.
        var obj = (current ?? old)!;
        foreach (var reference in (old?.Metadata.OwnerReferences ?? []).Concat(current?.Metadata.OwnerReferences ?? []))
        {
            if (OwnerKindOf(reference) is not { } ownerKind) continue;
            var ns = ownerKind.Kind.Namespaced ? obj.Metadata.Namespace : null;
            if (ownerKind.Get(ns, reference.Name) is { } owner && owner.Metadata.Uid == reference.Uid && IsFinishing(owner))
                Queue.Add(Key(ownerKind, owner));
        }
    }

    // Owner references are namespace-local: a namespaced owner's dependents are in its namespace (a cluster-scoped
    // owner's may be anywhere).
    private List<(CollectedKind Kind, IKubeObject Object)> DependentsOf(IKubeObject owner)
    {
        var uid = owner.Metadata.Uid;
        var ns = owner.Metadata.Namespace;
        return _dependents.SelectMany(k => (string.IsNullOrEmpty(ns) ? k.List() : k.InNamespace(ns))
            .Where(o => o.Metadata.OwnerReferences?.Any(r => r.Uid == uid) == true)
            .Select(o => (k, o))).ToList();
    }

    private CollectedKind? OwnerKindOf(OwnerReference reference) => _owners.FirstOrDefault(k => k.IsNamedBy(reference));

    private bool HasOwners(IKubeObject obj) =>
        obj.Metadata.DeletionTimestamp is null && obj.Metadata.OwnerReferences?.Any(r => OwnerKindOf(r) is not null) == true;

    // Being deleted, and waiting for this collector.
    private static bool IsFinishing(IKubeObject obj) =>
        obj.Metadata.DeletionTimestamp is not null && obj.Metadata.Finalizers?.Any(f =>
            f is GarbageCollectionFinalizers.Orphan or GarbageCollectionFinalizers.ForegroundDeletion) == true;

    private static string Key(CollectedKind kind, IKubeObject obj) => $"{kind.Resource}:{ObjectKey.Of(obj)}";

    [LoggerMessage(EventId = 730, Level = LogLevel.Information, Message = "Deleted {Dependent}: its owners ({Owners}) are gone")]
    private partial void LogCollected(string dependent, string owners);

    [LoggerMessage(EventId = 731, Level = LogLevel.Information, Message = "Orphaned the {Count} dependent(s) of {Owner} and removed its orphan finalizer")]
    private partial void LogOrphaned(string owner, int count);

    [LoggerMessage(EventId = 732, Level = LogLevel.Information, Message = "Deleting {Count} dependent(s) of {Owner} in the foreground")]
    private partial void LogForegroundDeleting(string owner, int count);

    [LoggerMessage(EventId = 733, Level = LogLevel.Information, Message = "The dependents of {Owner} are gone: removed its foregroundDeletion finalizer")]
    private partial void LogForegroundDone(string owner);
}
