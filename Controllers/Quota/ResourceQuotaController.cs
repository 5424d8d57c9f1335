using System.Collections.Concurrent;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Controllers;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quota;
using Microsoft.Extensions.Options;

namespace EventOrch.Controllers.Quota;

/// <summary>Kubernetes' resource quota controller: keeps every quota's <c>status.used</c> (and <c>status.hard</c>) true.
/// Admission charges a quota when objects are created; this controller gives usage back when objects go or stop
/// counting (a pod deleted or finished, a service losing its node ports), and counts every quota afresh each
/// <see cref="ResourceQuotaOptions.FullRecalculationPeriod"/>. A recount reads the quota from the Api first, then lists
/// what it counts, and writes the status on the resourceVersion it read: a charge admitted in between changes that
/// version, so the write fails and the count is taken again rather than forgetting the charge. The status is written
/// only when it changed.</summary>
public sealed partial class ResourceQuotaController : IReconciler
{
    private readonly Informer<ResourceQuota> _quotas;
    private readonly Informer<Pod> _pods;
    private readonly KubeApiClient _api;
    private readonly TimeProvider _time;
    private readonly ResourceQuotaOptions _options;
    private readonly ILogger<ResourceQuotaController> _logger;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _counted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _dirty = new(StringComparer.Ordinal);

    public ResourceQuotaController(Informer<ResourceQuota> quotas, Informer<Pod> pods, Informer<Service> services, Informer<ReplicaSet> replicaSets,
        Informer<ReplicationController> replicationControllers, Informer<Deployment> deployments, KubeApiClient api, TimeProvider time,
        IOptions<ResourceQuotaOptions> options, ILogger<ResourceQuotaController> logger)
    {
        (_quotas, _pods, _api, _time, _options, _logger) = (quotas, pods, api, time, options.Value, logger);
        Queue = new WorkQueue(time);
        quotas.Cache.AddNamespaceIndex();
        quotas.Cache.Changed += (old, current) =>
        {
            if (current is null)
            {
                _counted.TryRemove(ObjectKey.Of(old!), out _);
                _dirty.TryRemove(ObjectKey.Of(old!), out _);
                return;
            }
            // A charge changes only status.used: nothing to recount. A new quota or new hard limits are looked at.
            if (old is null || !Contracts.Serialization.KubeJson.Equal(old.Spec.Hard, current.Spec.Hard)) MarkDirty(ObjectKey.Of(current));
        };
        pods.Cache.Changed += (old, current) =>
        {
            var now = time.GetUtcNow();
            if (current is null || (old is not null && QuotaUsage.Counts(old, now) != QuotaUsage.Counts(current, now)))
                Replenish(ResourceKind.Pod, (current ?? old)!.Metadata.Namespace!);
        };
        services.Cache.Changed += (old, current) =>
        {
            if (current is null || (old is not null && (old.Spec.Type != current.Spec.Type || old.Spec.Ports?.Count != current.Spec.Ports?.Count)))
                Replenish(ResourceKind.Service, (current ?? old)!.Metadata.Namespace!);
        };
        replicaSets.Cache.Changed += (old, current) => { if (current is null) Replenish(ResourceKind.ReplicaSet, old!.Metadata.Namespace!); };
        replicationControllers.Cache.Changed += (old, current) => { if (current is null) Replenish(ResourceKind.ReplicationController, old!.Metadata.Namespace!); };
        deployments.Cache.Changed += (old, current) => { if (current is null) Replenish(ResourceKind.Deployment, old!.Metadata.Namespace!); };
    }

    public string Name => "resourcequota-controller";

    public WorkQueue Queue { get; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_quotas.WaitForSyncAsync(cancellationToken), _pods.WaitForSyncAsync(cancellationToken));

    public IEnumerable<string> AllKeys() => _quotas.Cache.List().Select(ObjectKey.Of);

    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        if (_quotas.Cache.Get(ns, name) is not { } cached) return;
        var now = _time.GetUtcNow();
        var due = _dirty.ContainsKey(key) || !_counted.TryGetValue(key, out var last) || last + _options.FullRecalculationPeriod <= now
            || !Contracts.Serialization.KubeJson.Equal(cached.Status?.Hard, cached.Spec.Hard)
            || (cached.Spec.Hard?.Keys ?? Enumerable.Empty<string>()).Any(r => cached.Status?.Used?.ContainsKey(r) != true);
        if (!due) return;
        _dirty.TryRemove(key, out _);
        try
        {
            await RecountAsync(ns, name, cancellationToken);
            _counted[key] = now;
        }
        catch
        {
            _dirty[key] = true;
            throw;
        }
    }

    private async Task RecountAsync(string ns, string name, CancellationToken cancellationToken)
    {
        // The quota first: its resourceVersion fences the count against charges admitted while it is taken.
        var quota = await _api.GetAsync<ResourceQuota>(ResourceKind.ResourceQuota, ns, name, cancellationToken);
        if (quota is null) return;
        var hard = quota.Spec.Hard ?? [];
        var kinds = hard.Keys.Select(QuotaResources.MeasuredOn).OfType<ResourceKind>();
        var objects = await NamespaceLister.ListAsync(_api, ns, kinds, cancellationToken);
        var used = QuotaUsage.Total(hard.Keys, objects, _time.GetUtcNow());
        var status = new ResourceQuotaStatus
        {
            Hard = hard.Count == 0 ? null : new Dictionary<string, string>(hard, StringComparer.Ordinal),
            Used = hard.Count == 0 ? null : ResourceList.Format(used),
        };
        if (Same(quota.Status, status)) return;
        await _api.ReplaceStatusAsync(ResourceKind.ResourceQuota, quota with { Status = status }, cancellationToken);
        LogRecounted(ObjectKey.Of(quota), ResourceList.Print(used));
    }

    // Equal quantities written differently (1000m and 1) are the same status.
    private static bool Same(ResourceQuotaStatus? current, ResourceQuotaStatus wanted) =>
        SameList(current?.Hard, wanted.Hard) && SameList(current?.Used, wanted.Used);

    private static bool SameList(Dictionary<string, string>? a, Dictionary<string, string>? b)
    {
        var (left, right) = (ResourceList.Parse(a), ResourceList.Parse(b));
        return left.Count == (a?.Count ?? 0) && right.Count == (b?.Count ?? 0) && left.Count == right.Count
            && left.All(p => right.TryGetValue(p.Key, out var q) && q == p.Value);
    }

    // Usage of this kind went down in a namespace: recount the quotas there that measure it.
    private void Replenish(ResourceKind kind, string @namespace)
    {
        foreach (var quota in _quotas.Cache.InNamespace(@namespace))
        {
            if ((quota.Spec.Hard?.Keys ?? Enumerable.Empty<string>()).Any(r => QuotaResources.MeasuredOn(r) == kind)) MarkDirty(ObjectKey.Of(quota));
        }
    }

    private void MarkDirty(string key)
    {
        _dirty[key] = true;
        Queue.Add(key);
    }

    [LoggerMessage(EventId = 790, Level = LogLevel.Information, Message = "ResourceQuota {Key}: usage recounted: {Used}")]
    private partial void LogRecounted(string key, string used);
}
