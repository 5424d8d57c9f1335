using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Controllers;
using EventOrch.ClientRuntime.Discovery;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.Namespaces;

/// <summary>Kubernetes' namespace controller: a Terminating namespace that still carries the <c>kubernetes</c>
/// finalizer has everything in it deleted, kind by kind, through the Api (every namespaced kind discovery lists with
/// <c>deletecollection</c>, so kinds added later are covered), with background propagation. Pods terminate gracefully
/// on their nodes meanwhile; the namespace's conditions say what remains. Once nothing is left, <c>kubernetes</c> is
/// taken out of <c>spec.finalizers</c> through <c>finalize</c>, and the Api removes the namespace.</summary>
public sealed partial class NamespaceController : IReconciler
{
    /// <summary>How soon a namespace whose content is still going is looked at again.</summary>
    public static readonly TimeSpan RecheckDelay = TimeSpan.FromSeconds(1);

    private readonly Informer<Namespace> _namespaces;
    private readonly KubeApiClient _api;
    private readonly ApiDiscovery _discovery;
    private readonly TimeProvider _time;
    private readonly ILogger<NamespaceController> _logger;

    // The kinds to empty, from the first discovery read that succeeded: the Api serves a fixed set of kinds, so a
    // namespace being emptied is not made to read discovery again on every recheck. Dropped when a deletecollection
    // answers 404 (a kind is gone), so the next pass reads discovery again.
    private volatile IReadOnlyList<ApiResource>? _resources;

    public NamespaceController(Informer<Namespace> namespaces, KubeApiClient api, TimeProvider time, ILogger<NamespaceController> logger)
    {
        (_namespaces, _api, _time, _logger) = (namespaces, api, time, logger);
        _discovery = new ApiDiscovery(api);
        Queue = new WorkQueue(time);
        namespaces.Cache.Changed += (_, current) =>
        {
            if (current?.Metadata.DeletionTimestamp is not null) Queue.Add(ObjectKey.Of(current));
        };
    }

    public string Name => "namespace-controller";

    public WorkQueue Queue { get; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _namespaces.WaitForSyncAsync(cancellationToken);

    public IEnumerable<string> AllKeys() => _namespaces.Cache.List().Where(n => n.Metadata.DeletionTimestamp is not null).Select(ObjectKey.Of);

    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (_, name) = ObjectKey.Split(key);
        var ns = _namespaces.Cache.Get(null, name);
        if (ns?.Metadata.DeletionTimestamp is null || ns.Spec?.Finalizers?.Contains(NamespaceFinalizers.Kubernetes) != true) return;
        using var cause = KubeApiClient.CausedBy(_namespaces.Cache.CauseOf(null, name));

        var resources = _resources;
        if (resources is null)
        {
            try
            {
                _resources = resources = (await _discovery.PreferredResourcesAsync(cancellationToken))
                    .Where(r => r.Namespaced && !r.IsSubresource && r.Supports("deletecollection") && r.Supports("list")).ToList();
            }
            catch (Exception ex) when (ex is ApiException or HttpRequestException)
            {
                await ReportAsync(ns, [Condition(NamespaceConditions.DeletionDiscoveryFailure, true, NamespaceConditions.DiscoveryFailed, $"Discovery failed: {ex.Message}")], cancellationToken);
                throw;
            }
        }

        var failures = new List<string>();
        foreach (var resource in resources)
        {
            try
            {
                await _api.DeleteCollectionAsync(resource.CollectionPath(name), PropagationPolicies.Background, cancellationToken);
            }
            catch (ApiException ex) when (ex.Status.Code == 404)
            {
                _resources = null;
            }
            catch (ApiException ex)
            {
                failures.Add($"{resource.Name}.{resource.Group}: {ex.Status.Message}");
            }
        }

        var remaining = new List<string>();
        var finalizers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            var items = (await _api.GetJsonAsync(resource.CollectionPath(name), cancellationToken))["items"]?.AsArray() ?? [];
            if (items.Count == 0) continue;
            remaining.Add($"{resource.Name}.{resource.Group} has {items.Count} resource instances");
            foreach (var finalizer in items.SelectMany(i => i?["metadata"]?["finalizers"]?.AsArray() ?? []).Select(f => f?.GetValue<string>()).OfType<string>())
                finalizers[finalizer] = finalizers.GetValueOrDefault(finalizer) + 1;
        }

        await ReportAsync(ns,
        [
            Condition(NamespaceConditions.DeletionDiscoveryFailure, false, NamespaceConditions.ResourcesDiscovered, "All resources successfully discovered"),
            failures.Count == 0
                ? Condition(NamespaceConditions.DeletionContentFailure, false, NamespaceConditions.ContentDeleted, "All content successfully deleted, may be waiting on finalization")
                : Condition(NamespaceConditions.DeletionContentFailure, true, NamespaceConditions.ContentDeletionFailed, $"Failed to delete all resource types, {failures.Count} remaining: {string.Join(", ", failures)}"),
            remaining.Count == 0
                ? Condition(NamespaceConditions.ContentRemaining, false, NamespaceConditions.ContentRemoved, "All content successfully removed")
                : Condition(NamespaceConditions.ContentRemaining, true, NamespaceConditions.SomeResourcesRemain, $"Some resources are remaining: {string.Join(", ", remaining)}"),
            finalizers.Count == 0
                ? Condition(NamespaceConditions.FinalizersRemaining, false, NamespaceConditions.ContentHasNoFinalizers, "All content-preserving finalizers finished")
                : Condition(NamespaceConditions.FinalizersRemaining, true, NamespaceConditions.SomeFinalizersRemain,
                    $"Some content in the namespace has finalizers remaining: {string.Join(", ", finalizers.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} in {f.Value} resource instances"))}"),
        ], cancellationToken);

        if (remaining.Count > 0 || failures.Count > 0)
        {
            LogContentRemaining(name, remaining.Count, failures.Count);
            Queue.AddAfter(key, RecheckDelay);
            return;
        }
        var latest = _namespaces.Cache.Get(null, name) ?? ns;
        await _api.ReplaceSubresourceAsync(ResourceKind.Namespace, latest with
        {
            Spec = new NamespaceSpec { Finalizers = [.. (latest.Spec?.Finalizers ?? []).Where(f => f != NamespaceFinalizers.Kubernetes)] },
        }, "finalize", cancellationToken);
        LogFinalized(name);
    }

    // Conditions keep their transition time while their status stays the same, as Kubernetes keeps them.
    private async Task ReportAsync(Namespace ns, IReadOnlyList<NamespaceCondition> conditions, CancellationToken cancellationToken)
    {
        var old = ns.Status?.Conditions ?? [];
        var merged = old.Where(o => conditions.All(c => c.Type != o.Type)).ToList();
        foreach (var condition in conditions)
        {
            var previous = old.FirstOrDefault(o => o.Type == condition.Type);
            merged.Add(previous is not null && previous.Status == condition.Status ? condition with { LastTransitionTime = previous.LastTransitionTime } : condition);
        }
        if (Contracts.Serialization.KubeJson.Equal(old, merged)) return;
        await _api.ReplaceStatusAsync(ResourceKind.Namespace, ns with
        {
            Metadata = ns.Metadata with { ResourceVersion = null },
            Status = (ns.Status ?? new NamespaceStatus()) with { Conditions = merged },
        }, cancellationToken);
    }

    private NamespaceCondition Condition(string type, bool status, string reason, string message) => new()
    {
        Type = type,
        Status = status ? "True" : "False",
        LastTransitionTime = _time.GetUtcNow().ToWholeSeconds(),
        Reason = reason,
        Message = message,
    };

    [LoggerMessage(EventId = 780, Level = LogLevel.Debug, Message = "Namespace {Namespace} is terminating: {Remaining} kinds still have objects, {Failures} deletes failed")]
    private partial void LogContentRemaining(string @namespace, int remaining, int failures);

    [LoggerMessage(EventId = 781, Level = LogLevel.Information, Message = "Namespace {Namespace} is empty: finalized")]
    private partial void LogFinalized(string @namespace);
}
