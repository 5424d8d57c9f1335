using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Controllers;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;

namespace EventOrch.Controllers.Workloads;

/// <summary>Kubernetes' StatefulSet controller: each set keeps the members <c>{set}-{ordinal}</c> for the ordinals
/// [start, start + replicas), each with a claim per volume claim template (<c>{template}-{set}-{ordinal}</c>, created
/// before the pod when missing and never deleted by the controller when a member is replaced or scaled away, unless the
/// retention policy says Delete). What a pass creates and deletes is <see cref="StatefulSetPlan"/>'s decision; this class
/// adopts and releases members, makes the writes through the Api and reports the status.</summary>
public sealed partial class StatefulSetController : IReconciler
{
    private readonly Informer<StatefulSet> _sets;
    private readonly Informer<Pod> _pods;
    private readonly Informer<PersistentVolumeClaim> _claims;
    private readonly KubeApiClient _api;
    private readonly TimeProvider _time;
    private readonly ILogger<StatefulSetController> _logger;
    private readonly StatefulSetRevisions _revisions = new();

    public StatefulSetController(Informer<StatefulSet> sets, Informer<Pod> pods, Informer<PersistentVolumeClaim> claims, KubeApiClient api,
        TimeProvider time, ILogger<StatefulSetController> logger)
    {
        (_sets, _pods, _claims, _api, _time, _logger) = (sets, pods, claims, api, time, logger);
        Queue = new WorkQueue(time);
        pods.Cache.AddNamespaceIndex();
        sets.Cache.Changed += (old, current) =>
        {
            if (current is null && old is not null) _revisions.Forget(old.Metadata.Uid!);
            Queue.Add(ObjectKey.Of((current ?? old)!));
        };
        pods.Cache.Changed += OnPodChanged;
        // A claim deleted under a member's feet is made again (when the member is next created).
        claims.Cache.Changed += (old, current) =>
        {
            if (current is not null) return;
            foreach (var set in sets.Cache.List().Where(s => s.Metadata.Namespace == old!.Metadata.Namespace)) Queue.Add(ObjectKey.Of(set));
        };
    }

    public string Name => "statefulset-controller";

    public WorkQueue Queue { get; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.WhenAll(
        _sets.WaitForSyncAsync(cancellationToken), _pods.WaitForSyncAsync(cancellationToken), _claims.WaitForSyncAsync(cancellationToken));

    public IEnumerable<string> AllKeys() => _sets.Cache.List().Select(ObjectKey.Of);

    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var set = _sets.Cache.Get(ns, name);
        if (set is null || set.Spec.Template is null) return;
        using var cause = KubeApiClient.CausedBy(_sets.Cache.CauseOf(ns, name));
        var selector = LabelSelectorSpec.SelectorOf(set.Spec.Selector);
        if (selector.IsEverything) return;

        // Only pods named as members may be adopted (Kubernetes' isMemberOf).
        var candidates = _pods.Cache.InNamespace(ns).Where(p => StatefulSetIdentity.OrdinalOf(set, p.Metadata.Name) is not null
            || Ownership.ControllerOf(p)?.Uid == set.Metadata.Uid);
        var members = await Ownership.ClaimAsync(set, selector, candidates, ResourceKind.Pod, (pod, meta) => pod with { Metadata = meta }, _api,
            (action, what) => LogClaimed(key, action, what), cancellationToken);
        members = members.Where(p => StatefulSetIdentity.OrdinalOf(set, p.Metadata.Name) is not null).ToList();

        var updateRevision = _revisions.Observe(set);
        var currentRevision = set.Status?.CurrentRevision is { Length: > 0 } current ? current : updateRevision;
        var now = _time.GetUtcNow();
        if (set.Metadata.DeletionTimestamp is null)
        {
            foreach (var action in StatefulSetPlan.Decide(set, members, updateRevision, now))
            {
                switch (action)
                {
                    case CreateMember create:
                        await CreateMemberAsync(set, key, create, create.AtCurrentRevision ? currentRevision : updateRevision, cancellationToken);
                        break;
                    case DeleteMember delete:
                        await DeleteMemberAsync(set, key, delete, cancellationToken);
                        break;
                }
            }
        }
        await UpdateStatusAsync(set, key, members, currentRevision, updateRevision, now, cancellationToken);
    }

    private async Task CreateMemberAsync(StatefulSet set, string key, CreateMember create, string revision, CancellationToken cancellationToken)
    {
        foreach (var claim in StatefulSetIdentity.Claims(set, create.Ordinal))
        {
            if (_claims.Cache.Get(claim.Metadata.Namespace, claim.Metadata.Name!) is { } existing)
            {
                // Kubernetes does not start a member on a claim that is going away: it waits for the claim to be gone.
                if (existing.Metadata.DeletionTimestamp is not null)
                    throw new InvalidOperationException($"StatefulSet {key}: claim {claim.Metadata.Name} is being deleted; member {create.Ordinal} waits");
                continue;
            }
            try
            {
                await _api.CreateAsync(ResourceKind.PersistentVolumeClaim, StatefulSetClaimRetention.WithSetOwner(set, claim), cancellationToken);
                LogClaimCreated(key, claim.Metadata.Name!);
            }
            catch (ApiException ex) when (AlreadyExists(ex))
            {
            }
        }
        var (template, madeAt) = _revisions.TemplateOf(set, revision);
        var pod = StatefulSetIdentity.NewPod(set, template, madeAt, create.Ordinal);
        try
        {
            await _api.CreateAsync(ResourceKind.Pod, pod, cancellationToken);
            LogMemberCreated(key, pod.Metadata.Name!, madeAt);
        }
        catch (ApiException ex) when (AlreadyExists(ex))
        {
            // The cache is behind (the member exists, or its predecessor is still going): the news brings another pass.
        }
        catch (ApiException ex)
        {
            LogCreateFailed(ex, key, pod.Metadata.Name!, ex.Message);
            throw;
        }
    }

    private async Task DeleteMemberAsync(StatefulSet set, string key, DeleteMember delete, CancellationToken cancellationToken)
    {
        var pod = delete.Pod;
        if (delete.Reason == DeleteMember.ScaledDown && set.Spec.PersistentVolumeClaimRetentionPolicy?.WhenScaled == StatefulSetConventions.Delete)
            await StatefulSetClaimRetention.GiveToMemberAsync(set, pod, claim => _claims.Cache.Get(pod.Metadata.Namespace, claim), _api, cancellationToken);
        try
        {
            await _api.DeleteAsync<Pod>(ResourceKind.Pod, pod.Metadata.Namespace, pod.Metadata.Name!, uid: pod.Metadata.Uid, cancellationToken: cancellationToken);
            LogMemberDeleted(key, pod.Metadata.Name!, delete.Reason);
        }
        catch (ApiException ex) when (ex.IsNotFound || ex.IsConflict)
        {
            // Gone already, or another incarnation: the news brings another pass.
        }
    }

    private async Task UpdateStatusAsync(StatefulSet set, string key, List<Pod> members, string currentRevision, string updateRevision,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = StatefulSetStatusCalculator.Compute(set, members, currentRevision, updateRevision, now);
        // A member Ready for less than minReadySeconds becomes available later: look again then.
        var minReady = TimeSpan.FromSeconds(set.Spec.MinReadySeconds ?? 0);
        var waiting = members.Where(p => StatefulSetPlan.IsRunningAndReady(p) && !StatefulSetPlan.IsAvailable(p, minReady, now))
            .Select(p => (p.Status.Condition(PodConditions.Ready)?.LastTransitionTime ?? now) + minReady - now).Where(t => t > TimeSpan.Zero).ToList();
        if (waiting.Count > 0) Queue.AddAfter(key, waiting.Min());
        if (Contracts.Serialization.KubeJson.Equal(set.Status, status)) return;
        try
        {
            await _api.ReplaceStatusAsync(ResourceKind.StatefulSet, set with { Status = status, Metadata = set.Metadata with { ResourceVersion = null } },
                cancellationToken);
        }
        catch (ApiException ex) when (ex.IsNotFound)
        {
        }
    }

    private void OnPodChanged(Pod? old, Pod? current)
    {
        var pod = (current ?? old)!;
        if (Ownership.IsControlledBy(pod, ResourceKind.StatefulSet))
            Queue.Add(ObjectKey.Of(pod.Metadata.Namespace, Ownership.ControllerOf(pod)!.Name));
        if (old is not null && Ownership.IsControlledBy(old, ResourceKind.StatefulSet) && Ownership.ControllerOf(old)!.Uid != Ownership.ControllerOf(pod)?.Uid)
            Queue.Add(ObjectKey.Of(old.Metadata.Namespace, Ownership.ControllerOf(old)!.Name));
        if (current is not null && Ownership.ControllerOf(current) is null)
        {
            foreach (var candidate in Ownership.MayAdopt(_sets.Cache.List(), current, s => LabelSelectorSpec.SelectorOf(s.Spec.Selector)))
                Queue.Add(ObjectKey.Of(candidate));
        }
    }

    private static bool AlreadyExists(ApiException ex) => ex.IsConflict && ex.Status.Reason == "AlreadyExists";

    [LoggerMessage(EventId = 760, Level = LogLevel.Information, Message = "StatefulSet {Key}: created pod {Pod} at revision {Revision}")]
    private partial void LogMemberCreated(string key, string pod, string revision);

    [LoggerMessage(EventId = 761, Level = LogLevel.Information, Message = "StatefulSet {Key}: deleted pod {Pod} ({Reason})")]
    private partial void LogMemberDeleted(string key, string pod, string reason);

    [LoggerMessage(EventId = 762, Level = LogLevel.Information, Message = "StatefulSet {Key}: created claim {Claim}")]
    private partial void LogClaimCreated(string key, string claim);

    [LoggerMessage(EventId = 763, Level = LogLevel.Warning, Message = "StatefulSet {Key}: creating pod {Pod} failed: {Reason}")]
    private partial void LogCreateFailed(Exception exception, string key, string pod, string reason);

    [LoggerMessage(EventId = 764, Level = LogLevel.Information, Message = "StatefulSet {Key} {Action} {What}")]
    private partial void LogClaimed(string key, string action, string what);
}
