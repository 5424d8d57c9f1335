using System.Globalization;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Controllers;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;
using static EventOrch.Contracts.Model.DeploymentConventions;

namespace EventOrch.Controllers.Workloads;

/// <summary>Kubernetes' deployment controller. Each template gets its own ReplicaSet (named after the template's
/// hash, labelled <c>pod-template-hash</c>, annotated with its revision); a rollout moves replicas from the old
/// ReplicaSets to the new one, within <c>maxSurge</c> and <c>maxUnavailable</c> as pods become available
/// (RollingUpdate), or removes every old pod before starting new ones (Recreate). A template equal to an older
/// revision's revives that ReplicaSet (a rollback). A paused Deployment is only scaled; a scale while a rollout is
/// under way is spread over the ReplicaSets in proportion. Old ReplicaSets beyond <c>revisionHistoryLimit</c> are
/// deleted, and the status reports the counts and the Available and Progressing conditions. Each pass makes at
/// most one kind of change and returns: the next event brings the next step.</summary>
public sealed partial class DeploymentController : IReconciler
{
    private readonly Informer<Deployment> _deployments;
    private readonly Informer<ReplicaSet> _replicaSets;
    private readonly Informer<Pod> _pods;
    private readonly KubeApiClient _api;
    private readonly TimeProvider _time;
    private readonly ILogger<DeploymentController> _logger;
    // ReplicaSets this controller created and its cache has not shown yet, by Deployment key: until they show, a pass
    // would take the old ReplicaSets for all there is (and scale them to the whole Deployment).
    private readonly Expectations _expectations;
    private readonly WrittenObjects<ReplicaSet> _written = new();

    public DeploymentController(Informer<Deployment> deployments, Informer<ReplicaSet> replicaSets, Informer<Pod> pods, KubeApiClient api,
        TimeProvider time, ILogger<DeploymentController> logger)
    {
        (_deployments, _replicaSets, _pods, _api, _time, _logger) = (deployments, replicaSets, pods, api, time, logger);
        _expectations = new Expectations(time);
        Queue = new WorkQueue(time);
        replicaSets.Cache.AddNamespaceIndex();
        pods.Cache.AddNamespaceIndex();
        deployments.Cache.Changed += (old, current) =>
        {
            if (current is null) _expectations.Forget(ObjectKey.Of(old!));
            Queue.Add(ObjectKey.Of((current ?? old)!));
        };
        replicaSets.Cache.Changed += OnReplicaSetChanged;
        // Recreate waits for the old pods to be gone: a pod's removal may be what it waits for.
        pods.Cache.Changed += (old, current) =>
        {
            if (current is null && old is not null && Ownership.ControllerOf(old) is { Kind: "ReplicaSet" } rs
                && _replicaSets.Cache.Get(old.Metadata.Namespace, rs.Name) is { } owner && Ownership.IsControlledBy(owner, ResourceKind.Deployment))
                Queue.Add(ObjectKey.Of(old.Metadata.Namespace, Ownership.ControllerOf(owner)!.Name));
        };
    }

    public string Name => "deployment-controller";

    public WorkQueue Queue { get; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.WhenAll(
        _deployments.WaitForSyncAsync(cancellationToken), _replicaSets.WaitForSyncAsync(cancellationToken), _pods.WaitForSyncAsync(cancellationToken));

    public IEnumerable<string> AllKeys() => _deployments.Cache.List().Select(ObjectKey.Of);

    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var d = _deployments.Cache.Get(ns, name);
        if (d is null) return;
        using var cause = KubeApiClient.CausedBy(_deployments.Cache.CauseOf(ns, name));
        var selector = LabelSelectorSpec.SelectorOf(d.Spec.Selector);
        if (selector.IsEverything || d.Spec.Template is null) return;
        // The ReplicaSet's own event brings this key back; a minute without it (a lost event) is enough waiting.
        if (!_expectations.Satisfied(key)) return;

        var owned = await Ownership.ClaimAsync(d, selector, _written.Fresher(_replicaSets.Cache.InNamespace(ns)).ToList(), ResourceKind.ReplicaSet,
            (rs, meta) => rs with { Metadata = meta }, _api, (action, what) => LogClaimed(key, action, what), cancellationToken);
        var pass = new Pass(d, owned, d.Status?.Conditions?.ToList() ?? []);

        if (d.Metadata.DeletionTimestamp is not null)
        {
            await FindNewAsync(pass, create: false, cancellationToken);
            await SyncStatusAsync(pass, cancellationToken);
        }
        else if (d.Spec.Paused == true || IsScalingEvent(pass))
        {
            await FindNewAsync(pass, create: false, cancellationToken);
            await ScaleAsync(pass, cancellationToken);
            if (d.Spec.Paused == true) await CleanupAsync(pass, cancellationToken);
            await SyncStatusAsync(pass, cancellationToken);
        }
        else if (d.Spec.Strategy?.Type == DeploymentStrategyTypes.Recreate)
        {
            await RecreateAsync(pass, cancellationToken);
        }
        else
        {
            await RollingUpdateAsync(pass, cancellationToken);
        }
    }

    /// <summary>One reconcile pass: the Deployment, its ReplicaSets as this pass has left them, and the conditions it will report.</summary>
    private sealed class Pass(Deployment deployment, List<ReplicaSet> owned, List<DeploymentCondition> conditions)
    {
        /// <summary>The Deployment as this pass has left it (its revision annotation written, say), so that its status is
        /// written on the resourceVersion of its own last write.</summary>
        public Deployment Deployment { get; set; } = deployment;
        public ReplicaSet? New { get; set; }
        public List<ReplicaSet> Old { get; set; } = owned;
        public List<DeploymentCondition> Conditions { get; } = conditions;
        public int Replicas => Deployment.Spec.Replicas ?? 1;
        public IEnumerable<ReplicaSet> All => New is null ? Old : Old.Append(New);

        public void Replace(ReplicaSet updated)
        {
            if (New?.Metadata.Uid == updated.Metadata.Uid) New = updated;
            else Old = Old.Select(rs => rs.Metadata.Uid == updated.Metadata.Uid ? updated : rs).ToList();
        }
    }

    // ---- the strategies ----

    private async Task RollingUpdateAsync(Pass pass, CancellationToken cancellationToken)
    {
        await FindNewAsync(pass, create: true, cancellationToken);
        if (await ReconcileNewAsync(pass, cancellationToken) || await ReconcileOldAsync(pass, cancellationToken))
        {
            await SyncRolloutStatusAsync(pass, CalculateStatus(pass), cancellationToken);
            return;
        }
        await FinishAsync(pass, cancellationToken);
    }

    private async Task RecreateAsync(Pass pass, CancellationToken cancellationToken)
    {
        await FindNewAsync(pass, create: false, cancellationToken);
        var scaledDown = false;
        foreach (var rs in pass.Old.Where(rs => Size(rs) > 0).ToList()) scaledDown |= await ScaleReplicaSetAsync(pass, rs, 0, cancellationToken);
        if (scaledDown || OldPodsRunning(pass))
        {
            await SyncRolloutStatusAsync(pass, CalculateStatus(pass), cancellationToken);
            return;
        }
        if (pass.New is null) await FindNewAsync(pass, create: true, cancellationToken);
        if (pass.New is { } created && Size(created) != pass.Replicas) await ScaleReplicaSetAsync(pass, created, pass.Replicas, cancellationToken);
        await FinishAsync(pass, cancellationToken);
    }

    // A rollout's last step in a pass: once it is complete, old revisions beyond the limit go; then the status.
    private async Task FinishAsync(Pass pass, CancellationToken cancellationToken)
    {
        var status = CalculateStatus(pass);
        if (IsComplete(pass.Deployment, status)) await CleanupAsync(pass, cancellationToken);
        await SyncRolloutStatusAsync(pass, status, cancellationToken);
    }

    // Recreate starts new pods only once no old one runs, including those still terminating.
    private bool OldPodsRunning(Pass pass)
    {
        if (pass.Old.Any(rs => (rs.Status?.Replicas ?? 0) > 0)) return true;
        var old = pass.Old.Select(rs => rs.Metadata.Uid).ToHashSet();
        return _pods.Cache.InNamespace(pass.Deployment.Metadata.Namespace!).Any(p =>
            Ownership.ControllerOf(p) is { } owner && old.Contains(owner.Uid) && p.Status?.Phase is not (PodPhases.Succeeded or PodPhases.Failed));
    }

    // Scale the new ReplicaSet up within the surge, or down to the replicas; true when it changed.
    private async Task<bool> ReconcileNewAsync(Pass pass, CancellationToken cancellationToken)
    {
        var rs = pass.New!;
        if (Size(rs) == pass.Replicas) return false;
        var target = Size(rs) > pass.Replicas ? pass.Replicas : NewReplicaSetReplicas(pass, rs);
        return await ScaleReplicaSetAsync(pass, rs, target, cancellationToken);
    }

    // Scale old ReplicaSets down as far as availability allows: first their unavailable pods, then available ones
    // while more than replicas - maxUnavailable stay available; true when any changed.
    private async Task<bool> ReconcileOldAsync(Pass pass, CancellationToken cancellationToken)
    {
        if (pass.Old.Sum(Size) == 0) return false;
        var minAvailable = pass.Replicas - MaxUnavailable(pass.Deployment);
        var newUnavailable = Size(pass.New!) - AvailableOf(pass.New!);
        var maxScaledDown = pass.All.Sum(Size) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) return false;

        var scaled = 0;
        foreach (var rs in pass.Old.OrderBy(CreatedAt).ToList())
        {
            if (scaled >= maxScaledDown) break;
            var unhealthy = Size(rs) - AvailableOf(rs);
            if (Size(rs) == 0 || unhealthy <= 0) continue;
            var count = Math.Min(maxScaledDown - scaled, unhealthy);
            await ScaleReplicaSetAsync(pass, rs, Size(rs) - count, cancellationToken);
            scaled += count;
        }

        // An old ReplicaSet's status may lag its scale-down: never count more available pods than it keeps.
        var available = pass.All.Sum(rs => Math.Min(AvailableOf(rs), Size(rs)));
        var toScaleDown = available - minAvailable;
        var scaledAvailable = 0;
        foreach (var rs in pass.Old.OrderBy(CreatedAt).ToList())
        {
            if (scaledAvailable >= toScaleDown) break;
            if (Size(rs) == 0) continue;
            var count = Math.Min(Size(rs), toScaleDown - scaledAvailable);
            await ScaleReplicaSetAsync(pass, rs, Size(rs) - count, cancellationToken);
            scaledAvailable += count;
        }
        return scaled + scaledAvailable > 0;
    }

    // Kubernetes' NewRSNewReplicas: how far the new ReplicaSet may grow now.
    private int NewReplicaSetReplicas(Pass pass, ReplicaSet rs)
    {
        if (pass.Deployment.Spec.Strategy?.Type == DeploymentStrategyTypes.Recreate) return pass.Replicas;
        var maxTotal = pass.Replicas + MaxSurge(pass.Deployment);
        var current = pass.All.Where(r => r.Metadata.Uid != rs.Metadata.Uid).Sum(Size) + Size(rs);
        if (current >= maxTotal) return Size(rs);
        return Size(rs) + Math.Min(maxTotal - current, pass.Replicas - Size(rs));
    }

    // ---- scaling while paused, or when replicas change mid-rollout ----

    // The ReplicaSets were last scaled for other replicas than the Deployment now wants.
    private static bool IsScalingEvent(Pass pass) =>
        pass.Old.Where(rs => Size(rs) > 0).Any(rs => DesiredReplicasOf(rs) is { } desired && desired != pass.Replicas);

    private async Task ScaleAsync(Pass pass, CancellationToken cancellationToken)
    {
        var active = pass.All.Where(rs => Size(rs) > 0).ToList();
        if (active.Count <= 1)
        {
            // One active ReplicaSet (or none: the newest) takes all the replicas.
            var only = active.SingleOrDefault() ?? pass.New ?? pass.Old.OrderByDescending(CreatedAt).FirstOrDefault();
            if (only is not null && (Size(only) != pass.Replicas || DesiredReplicasOf(only) != pass.Replicas))
                await ScaleReplicaSetAsync(pass, only, pass.Replicas, cancellationToken);
            return;
        }
        if (pass.New is { } saturated && Size(saturated) == pass.Replicas && AvailableOf(saturated) == pass.Replicas)
        {
            foreach (var rs in pass.Old.Where(rs => Size(rs) > 0).ToList()) await ScaleReplicaSetAsync(pass, rs, 0, cancellationToken);
            return;
        }
        // Spread the difference in proportion to each ReplicaSet's size; what rounding leaves goes to the largest
        // (the newest first when growing, the oldest first when shrinking).
        var allowed = pass.Replicas > 0 ? pass.Replicas + MaxSurge(pass.Deployment) : 0;
        var total = active.Sum(Size);
        var toAdd = allowed - total;
        var ordered = (toAdd > 0
            ? active.OrderByDescending(Size).ThenByDescending(CreatedAt)
            : active.OrderByDescending(Size).ThenBy(CreatedAt)).ToList();
        var shares = ordered.Select(rs => (int)((long)toAdd * Size(rs) / total)).ToArray();
        shares[0] += toAdd - shares.Sum();
        for (var i = 0; i < ordered.Count; i++) await ScaleReplicaSetAsync(pass, ordered[i], Math.Max(0, Size(ordered[i]) + shares[i]), cancellationToken);
    }

    // ---- the ReplicaSets ----

    // Finds the ReplicaSet whose template is the Deployment's (creating it when asked), and brings revisions up to date.
    private async Task FindNewAsync(Pass pass, bool create, CancellationToken cancellationToken)
    {
        var d = pass.Deployment;
        var existing = pass.Old.OrderBy(CreatedAt).FirstOrDefault(rs => SameTemplate(rs.Spec.Template, d.Spec.Template!));
        var old = pass.Old.Where(rs => rs != existing).ToList();
        var revision = old.Select(RevisionOf).DefaultIfEmpty(0).Max() + 1;
        if (existing is not null)
        {
            pass.Old = old;
            pass.New = existing;
            var current = RevisionOf(existing);
            if (current < revision || existing.Spec.MinReadySeconds != (d.Spec.MinReadySeconds ?? 0))
            {
                var annotations = new Dictionary<string, string?> { [RevisionAnnotation] = Revision(Math.Max(current, revision)) };
                // A revived ReplicaSet (a rollback) remembers the revisions it had.
                if (current < revision && current > 0)
                    annotations[RevisionHistoryAnnotation] = string.Join(',',
                        (existing.Metadata.Annotations?.GetValueOrDefault(RevisionHistoryAnnotation) is { Length: > 0 } h ? h.Split(',') : []).Append(Revision(current)));
                pass.New = await _api.PatchAsync<ReplicaSet>(ResourceKind.ReplicaSet, existing.Metadata.Namespace, existing.Metadata.Name!,
                    new { metadata = new { annotations }, spec = new { minReadySeconds = d.Spec.MinReadySeconds ?? 0 } }, cancellationToken);
                _written.Remember(pass.New);
                if (current < revision) LogRevived(ObjectKey.Of(d), existing.Metadata.Name!, revision);
            }
            await SetDeploymentRevisionAsync(pass, cancellationToken);
            return;
        }
        if (!create) return;

        var hash = TemplateHash(d.Spec.Template!, d.Status?.CollisionCount);
        var template = d.Spec.Template! with
        {
            Metadata = (d.Spec.Template!.Metadata ?? new ObjectMeta()) with
            {
                Labels = new(d.Spec.Template.Metadata?.Labels ?? []) { [PodTemplateHashLabel] = hash },
            },
        };
        var rs = new ReplicaSet
        {
            Metadata = new ObjectMeta
            {
                Name = $"{d.Metadata.Name}-{hash}",
                Namespace = d.Metadata.Namespace,
                Labels = template.Metadata.Labels,
                Annotations = CopiedAnnotations(d, revision),
                OwnerReferences = [Ownership.ControllerReference(d)],
            },
            Spec = new ReplicaSetSpec
            {
                Replicas = 0,
                MinReadySeconds = d.Spec.MinReadySeconds ?? 0,
                Selector = d.Spec.Selector! with { MatchLabels = new(d.Spec.Selector.MatchLabels ?? []) { [PodTemplateHashLabel] = hash } },
                Template = template,
            },
        };
        pass.Old = old;
        rs = rs with { Spec = rs.Spec with { Replicas = NewReplicaSetReplicas(pass, rs) } };
        rs.Metadata.Annotations![DesiredReplicasAnnotation] = Revision(pass.Replicas);
        rs.Metadata.Annotations[MaxReplicasAnnotation] = Revision(pass.Replicas + MaxSurge(d));
        // Expected before the create, so its event cannot come before the expectation; a create that made nothing lowers it.
        _expectations.ExpectCreations(ObjectKey.Of(d), 1);
        try
        {
            pass.New = await _api.CreateAsync(ResourceKind.ReplicaSet, rs, cancellationToken);
        }
        catch (ApiException ex) when (ex.Status.Code == 409)
        {
            _expectations.CreationObserved(ObjectKey.Of(d));
            // Ours, not yet in the cache: use it. Someone else's, or another template's: a hash collision; the next
            // name comes from a higher collision count.
            var found = await _api.GetAsync<ReplicaSet>(ResourceKind.ReplicaSet, rs.Metadata.Namespace, rs.Metadata.Name!, cancellationToken);
            if (found is not null && Ownership.ControllerOf(found)?.Uid == d.Metadata.Uid && SameTemplate(found.Spec.Template, d.Spec.Template!))
            {
                pass.New = found;
            }
            else
            {
                await _api.ReplaceStatusAsync(ResourceKind.Deployment, d with
                {
                    Metadata = d.Metadata with { ResourceVersion = null },
                    Status = (d.Status ?? new DeploymentStatus()) with { CollisionCount = (d.Status?.CollisionCount ?? 0) + 1 },
                }, cancellationToken);
                throw new InvalidOperationException($"ReplicaSet name {rs.Metadata.Name} is taken: retrying with a new collision count");
            }
        }
        catch
        {
            _expectations.CreationObserved(ObjectKey.Of(d));
            throw;
        }
        LogCreated(ObjectKey.Of(d), pass.New.Metadata.Name!, revision, Size(pass.New));
        SetCondition(pass, Progressing, ConditionStatuses.True, NewReplicaSetCreated, $"Created new replica set \"{pass.New.Metadata.Name}\"");
        await SetDeploymentRevisionAsync(pass, cancellationToken);
    }

    private async Task SetDeploymentRevisionAsync(Pass pass, CancellationToken cancellationToken)
    {
        var revision = pass.New?.Metadata.Annotations?.GetValueOrDefault(RevisionAnnotation);
        var d = pass.Deployment;
        if (revision is null || d.Metadata.Annotations?.GetValueOrDefault(RevisionAnnotation) == revision) return;
        pass.Deployment = await _api.PatchAsync<Deployment>(ResourceKind.Deployment, d.Metadata.Namespace, d.Metadata.Name!,
            new { metadata = new { annotations = new Dictionary<string, string> { [RevisionAnnotation] = revision } } }, cancellationToken);
    }

    // Sets spec.replicas and the replicas it was scaled for; true when it changed.
    private async Task<bool> ScaleReplicaSetAsync(Pass pass, ReplicaSet rs, int replicas, CancellationToken cancellationToken)
    {
        var d = pass.Deployment;
        var desired = Revision(pass.Replicas);
        var max = Revision(pass.Replicas + MaxSurge(d));
        if (Size(rs) == replicas && rs.Metadata.Annotations?.GetValueOrDefault(DesiredReplicasAnnotation) == desired
            && rs.Metadata.Annotations?.GetValueOrDefault(MaxReplicasAnnotation) == max)
            return false;
        var updated = await _api.PatchAsync<ReplicaSet>(ResourceKind.ReplicaSet, rs.Metadata.Namespace, rs.Metadata.Name!, new
        {
            metadata = new { annotations = new Dictionary<string, string> { [DesiredReplicasAnnotation] = desired, [MaxReplicasAnnotation] = max } },
            spec = new { replicas },
        }, cancellationToken);
        _written.Remember(updated);
        pass.Replace(updated);
        if (Size(rs) == replicas) return false;
        LogScaled(ObjectKey.Of(d), rs.Metadata.Name!, Size(rs), replicas);
        return true;
    }

    // Deletes old ReplicaSets that run nothing, oldest revision first, beyond revisionHistoryLimit.
    private async Task CleanupAsync(Pass pass, CancellationToken cancellationToken)
    {
        if (pass.Deployment.Spec.RevisionHistoryLimit is not { } limit) return;
        var idle = pass.Old.Where(rs => Size(rs) == 0 && (rs.Status?.Replicas ?? 0) == 0 && rs.Metadata.DeletionTimestamp is null)
            .OrderBy(RevisionOf).ThenBy(CreatedAt).ToList();
        foreach (var rs in idle.Take(Math.Max(0, idle.Count - limit)))
        {
            if (await _api.TryDeleteAsync<ReplicaSet>(ResourceKind.ReplicaSet, rs.Metadata.Namespace, rs.Metadata.Name!, cancellationToken: cancellationToken))
                LogCleanedUp(ObjectKey.Of(pass.Deployment), rs.Metadata.Name!);
        }
    }

    // ---- status ----

    private DeploymentStatus CalculateStatus(Pass pass)
    {
        var d = pass.Deployment;
        var all = pass.All.ToList();
        var available = all.Sum(AvailableOf);
        var status = new DeploymentStatus
        {
            ObservedGeneration = d.Metadata.Generation,
            Replicas = all.Sum(rs => rs.Status?.Replicas ?? 0),
            UpdatedReplicas = pass.New?.Status?.Replicas ?? 0,
            ReadyReplicas = all.Sum(rs => rs.Status?.ReadyReplicas ?? 0),
            AvailableReplicas = available,
            UnavailableReplicas = Math.Max(0, all.Sum(Size) - available),
            CollisionCount = d.Status?.CollisionCount,
        };
        if (available >= pass.Replicas - MaxUnavailable(d))
            SetCondition(pass, Available, ConditionStatuses.True, MinimumReplicasAvailable, "Deployment has minimum availability.");
        else SetCondition(pass, Available, ConditionStatuses.False, MinimumReplicasUnavailable, "Deployment does not have minimum availability.");
        // Kubernetes' getReplicaFailures: a ReplicaSet's ReplicaFailure (the new one's first) shows on the Deployment too.
        var failure = (pass.New is null ? pass.Old : pass.Old.Prepend(pass.New))
            .Select(rs => rs.Status?.Conditions?.FirstOrDefault(c => c.Type == ReplicaFailure && c.Status == ConditionStatuses.True))
            .FirstOrDefault(c => c is not null);
        if (failure is not null) SetCondition(pass, ReplicaFailure, failure.Status, failure.Reason ?? "", failure.Message ?? "");
        else pass.Conditions.RemoveAll(c => c.Type == ReplicaFailure);
        // Pausing and resuming show on Progressing, and the progress deadline does not run while paused.
        var progressing = pass.Conditions.FirstOrDefault(c => c.Type == Progressing);
        if (d.Spec.Paused == true && progressing?.Reason != DeploymentPaused)
            SetCondition(pass, Progressing, ConditionStatuses.Unknown, DeploymentPaused, "Deployment is paused");
        else if (d.Spec.Paused != true && progressing?.Reason == DeploymentPaused)
            SetCondition(pass, Progressing, ConditionStatuses.Unknown, DeploymentResumed, "Deployment is resumed");
        return status with { Conditions = pass.Conditions.Count == 0 ? null : [.. pass.Conditions] };
    }

    private Task SyncStatusAsync(Pass pass, CancellationToken cancellationToken) => WriteStatusAsync(pass, CalculateStatus(pass), cancellationToken);

    // The status with Progressing brought up to date: complete, progressing (any step forward renews its
    // lastUpdateTime), or out of time once progressDeadlineSeconds pass without a step forward.
    private async Task SyncRolloutStatusAsync(Pass pass, DeploymentStatus status, CancellationToken cancellationToken)
    {
        var d = pass.Deployment;
        var current = pass.Conditions.FirstOrDefault(c => c.Type == Progressing);
        var newName = pass.New?.Metadata.Name;
        var done = status.Replicas == status.UpdatedReplicas && current?.Reason == NewReplicaSetAvailable;
        if (d.Spec.ProgressDeadlineSeconds is { } deadline && !done && d.Spec.Paused != true)
        {
            if (IsComplete(d, status))
                SetCondition(pass, Progressing, ConditionStatuses.True, NewReplicaSetAvailable, $"ReplicaSet \"{newName}\" has successfully progressed.");
            else if (MadeProgress(d.Status, status))
            {
                var since = current?.Status == ConditionStatuses.True ? current.LastTransitionTime : null;
                pass.Conditions.RemoveAll(c => c.Type == Progressing);
                SetCondition(pass, Progressing, ConditionStatuses.True, ReplicaSetUpdated, $"ReplicaSet \"{newName}\" is progressing.");
                var index = pass.Conditions.FindIndex(c => c.Type == Progressing);
                if (since is not null) pass.Conditions[index] = pass.Conditions[index] with { LastTransitionTime = since };
            }
            else if (current is { Reason: not ProgressDeadlineExceeded } && current.LastUpdateTime is { } from
                     && from + TimeSpan.FromSeconds(deadline) <= _time.GetUtcNow())
                SetCondition(pass, Progressing, ConditionStatuses.False, ProgressDeadlineExceeded, $"ReplicaSet \"{newName}\" has timed out progressing.");

            // Look again when the deadline would pass without news.
            var progressingNow = pass.Conditions.FirstOrDefault(c => c.Type == Progressing);
            if (progressingNow is { Status: ConditionStatuses.True, Reason: not NewReplicaSetAvailable, LastUpdateTime: { } last })
                Queue.AddAfter(ObjectKey.Of(d), last + TimeSpan.FromSeconds(deadline) - _time.GetUtcNow() + TimeSpan.FromMilliseconds(100));
        }
        await WriteStatusAsync(pass, status with { Conditions = pass.Conditions.Count == 0 ? null : [.. pass.Conditions] }, cancellationToken);
    }

    private async Task WriteStatusAsync(Pass pass, DeploymentStatus status, CancellationToken cancellationToken)
    {
        var d = pass.Deployment;
        if (Contracts.Serialization.KubeJson.Equal(d.Status, status)) return;
        // On the resourceVersion the pass read, as Kubernetes' controller writes it: the conditions' times are carried
        // over from the status the pass read, so a pass on a cache that has not yet seen the previous write must not
        // overwrite it (that made Available's times flap between two values). The event of whatever write came between
        // brings the key back.
        try
        {
            await _api.ReplaceStatusAsync(ResourceKind.Deployment, d with { Status = status }, cancellationToken);
        }
        catch (ApiException ex) when (ex.IsConflict)
        {
            LogStaleStatus(ObjectKey.Of(d).ToString(), d.Metadata.ResourceVersion ?? "");
        }
    }

    // Kubernetes' SetDeploymentCondition: the same status and reason change nothing (the times stay); a new status
    // starts a new transition.
    private void SetCondition(Pass pass, string type, string status, string reason, string message)
    {
        var now = _time.GetUtcNow();
        var index = pass.Conditions.FindIndex(c => c.Type == type);
        var current = index < 0 ? null : pass.Conditions[index];
        if (current is not null && current.Status == status && current.Reason == reason) return;
        var condition = new DeploymentCondition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastUpdateTime = now,
            LastTransitionTime = current is not null && current.Status == status ? current.LastTransitionTime : now,
        };
        if (index < 0) pass.Conditions.Add(condition);
        else pass.Conditions[index] = condition;
    }

    private static bool IsComplete(Deployment d, DeploymentStatus status) =>
        status.UpdatedReplicas == (d.Spec.Replicas ?? 1) && status.Replicas == (d.Spec.Replicas ?? 1)
        && status.AvailableReplicas == (d.Spec.Replicas ?? 1) && status.ObservedGeneration >= d.Metadata.Generation;

    // A step forward: more updated, ready or available replicas, or fewer old ones.
    private static bool MadeProgress(DeploymentStatus? before, DeploymentStatus after)
    {
        before ??= new DeploymentStatus();
        var oldBefore = (before.Replicas ?? 0) - (before.UpdatedReplicas ?? 0);
        var oldAfter = (after.Replicas ?? 0) - (after.UpdatedReplicas ?? 0);
        return (after.UpdatedReplicas ?? 0) > (before.UpdatedReplicas ?? 0) || oldAfter < oldBefore
            || after.ReadyReplicas > (before.ReadyReplicas ?? 0) || after.AvailableReplicas > (before.AvailableReplicas ?? 0);
    }

    // ---- events from the caches ----

    private void OnReplicaSetChanged(ReplicaSet? old, ReplicaSet? current)
    {
        var rs = (current ?? old)!;
        if (current is null) _written.Forget(rs);
        if (Ownership.ControllerOf(rs) is { } owner && Ownership.IsControlledBy(rs, ResourceKind.Deployment))
        {
            if (old is null) _expectations.CreationObserved(ObjectKey.Of(rs.Metadata.Namespace, owner.Name));
            Queue.Add(ObjectKey.Of(rs.Metadata.Namespace, owner.Name));
        }
        if (old is not null && Ownership.IsControlledBy(old, ResourceKind.Deployment) && Ownership.ControllerOf(old)!.Uid != Ownership.ControllerOf(rs)?.Uid)
            Queue.Add(ObjectKey.Of(old.Metadata.Namespace, Ownership.ControllerOf(old)!.Name));
        // An orphan may be adopted by any Deployment of its namespace whose selector matches it.
        if (current is not null && Ownership.ControllerOf(current) is null)
        {
            foreach (var d in Ownership.MayAdopt(_deployments.Cache.List(), current, d => LabelSelectorSpec.SelectorOf(d.Spec.Selector)))
                Queue.Add(ObjectKey.Of(d));
        }
    }

    // ---- small rules ----

    private static int Size(ReplicaSet rs) => rs.Spec.Replicas ?? 1;

    private static int AvailableOf(ReplicaSet rs) => rs.Status?.AvailableReplicas ?? 0;

    private static DateTimeOffset CreatedAt(ReplicaSet rs) => rs.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue;

    private static long RevisionOf(ReplicaSet rs) =>
        long.TryParse(rs.Metadata.Annotations?.GetValueOrDefault(RevisionAnnotation), CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    private static int? DesiredReplicasOf(ReplicaSet rs) =>
        int.TryParse(rs.Metadata.Annotations?.GetValueOrDefault(DesiredReplicasAnnotation), CultureInfo.InvariantCulture, out var desired) ? desired : null;

    private static string Revision(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>maxSurge and maxUnavailable as counts (surge rounded up, unavailability down); both zero would
    /// stall a rollout, so unavailability is then one, as in Kubernetes.</summary>
    public static (int Surge, int Unavailable) Fenceposts(Deployment d)
    {
        if (d.Spec.Strategy?.Type != DeploymentStrategyTypes.RollingUpdate || d.Spec.Strategy.RollingUpdate is not { } rolling) return (0, 0);
        var replicas = d.Spec.Replicas ?? 1;
        var surge = rolling.MaxSurge is { } s && s.TryScale(replicas, roundUp: true, out var sv) ? sv : 0;
        var unavailable = rolling.MaxUnavailable is { } u && u.TryScale(replicas, roundUp: false, out var uv) ? uv : 0;
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, unavailable);
    }

    private static int MaxSurge(Deployment d) => Fenceposts(d).Surge;

    private static int MaxUnavailable(Deployment d) => Math.Min(Fenceposts(d).Unavailable, d.Spec.Replicas ?? 1);

    // Equal templates, whatever pod-template-hash label either has (kubectl rollout uses the same test).
    private static bool SameTemplate(PodTemplateSpec? replicaSetTemplate, PodTemplateSpec deploymentTemplate) =>
        SameTemplateIgnoringHash(replicaSetTemplate, deploymentTemplate);

    /// <summary>The pod-template-hash of a template: FNV-1a over its canonical JSON (and the collision count), its
    /// decimal digits spelled in Kubernetes' safe alphabet (no vowels, no look-alikes).</summary>
    public static string TemplateHash(PodTemplateSpec template, int? collisionCount)
    {
        var node = System.Text.Json.JsonSerializer.SerializeToNode(template, Contracts.Serialization.KubeJson.Options);
        var bytes = System.Text.Encoding.UTF8.GetBytes(Canonical(node)?.ToJsonString() ?? "null");
        var hash = 2166136261u;
        foreach (var b in bytes) hash = (hash ^ b) * 16777619u;
        if (collisionCount is { } count)
            foreach (var b in BitConverter.GetBytes(count)) hash = (hash ^ b) * 16777619u;
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Concat(hash.ToString(CultureInfo.InvariantCulture).Select(c => alphabet[c % alphabet.Length]));
    }

    // Object keys sorted, so the stored order (PostgreSQL's jsonb reorders keys) does not change the hash.
    private static System.Text.Json.Nodes.JsonNode? Canonical(System.Text.Json.Nodes.JsonNode? node) => Contracts.Serialization.KubeJson.Canonical(node);

    // The Deployment's annotations, less those that describe the Deployment itself, plus the new revision.
    private static Dictionary<string, string> CopiedAnnotations(Deployment d, long revision)
    {
        var annotations = (d.Metadata.Annotations ?? []).Where(a => !a.Key.StartsWith("deployment.kubernetes.io/", StringComparison.Ordinal)
            && a.Key != "kubectl.kubernetes.io/last-applied-configuration").ToDictionary();
        annotations[RevisionAnnotation] = Revision(revision);
        return annotations;
    }

    [LoggerMessage(EventId = 740, Level = LogLevel.Information, Message = "Deployment {Key}: created ReplicaSet {ReplicaSet} (revision {Revision}) with {Replicas} replica(s)")]
    private partial void LogCreated(string key, string replicaSet, long revision, int replicas);

    [LoggerMessage(EventId = 741, Level = LogLevel.Information, Message = "Deployment {Key}: scaled ReplicaSet {ReplicaSet} from {From} to {To}")]
    private partial void LogScaled(string key, string replicaSet, int from, int to);

    [LoggerMessage(EventId = 742, Level = LogLevel.Information, Message = "Deployment {Key}: ReplicaSet {ReplicaSet} is the new one again, as revision {Revision}")]
    private partial void LogRevived(string key, string replicaSet, long revision);

    [LoggerMessage(EventId = 743, Level = LogLevel.Information, Message = "Deployment {Key}: deleted old ReplicaSet {ReplicaSet} (beyond revisionHistoryLimit)")]
    private partial void LogCleanedUp(string key, string replicaSet);

    [LoggerMessage(EventId = 744, Level = LogLevel.Information, Message = "Deployment {Key} {Action} {What}")]
    private partial void LogClaimed(string key, string action, string what);

    [LoggerMessage(EventId = 745, Level = LogLevel.Debug, Message = "Deployment {Key}: changed since resourceVersion {ResourceVersion}; its status is worked out again on the news")]
    private partial void LogStaleStatus(string key, string resourceVersion);
}
