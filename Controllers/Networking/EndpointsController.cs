using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Controllers;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;

namespace EventOrch.Controllers.Networking;

/// <summary>Kubernetes' endpoints controller: for every Service with a selector, an Endpoints object of the same
/// name listing the matching pods, the Ready ones under <c>addresses</c> and the others under
/// <c>notReadyAddresses</c>. Pods are reached on their node: an address is the node address the agent published the
/// target port on, and the subset's port is that published host port, so pods with different host ports fall into
/// different subsets. Terminating pods are left out, so traffic stops reaching them as soon as their deletion starts.
/// An address of a pod whose subdomain is the Service's name carries the pod's hostname (a StatefulSet member's stable
/// name). Endpoints of a Service without a selector are the user's; those of a deleted Service go.</summary>
public sealed partial class EndpointsController : IReconciler
{
    private readonly Informer<Service> _services;
    private readonly Informer<Endpoints> _endpoints;
    private readonly Informer<Pod> _pods;
    private readonly KubeApiClient _api;
    private readonly ILogger<EndpointsController> _logger;
    // The event that last made each key worth a look (a pod turning Ready, a Service changing): the cause of what the pass writes.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Guid> _causes = new(StringComparer.Ordinal);

    public EndpointsController(Informer<Service> services, Informer<Endpoints> endpoints, Informer<Pod> pods, KubeApiClient api, TimeProvider time,
        ILogger<EndpointsController> logger)
    {
        (_services, _endpoints, _pods, _api, _logger) = (services, endpoints, pods, api, logger);
        Queue = new WorkQueue(time);
        pods.Cache.AddNamespaceIndex();
        services.Cache.AddNamespaceIndex();
        services.Cache.Changed += (old, current) =>
        {
            var service = (current ?? old)!;
            Enqueue(ObjectKey.Of(service), current is null ? services.Cache.DeletionCauseOf(service.Metadata.Uid!) : services.Cache.CauseOf(service.Metadata.Namespace, service.Metadata.Name!));
        };
        // Endpoints of a Service changed behind the controller's back (edited, deleted) are put right; others are left alone.
        endpoints.Cache.Changed += (old, current) =>
        {
            var changed = (current ?? old)!;
            if (services.Cache.Get(changed.Metadata.Namespace, changed.Metadata.Name!) is not null) Queue.Add(ObjectKey.Of(changed));
        };
        pods.Cache.Changed += OnPodChanged;
    }

    public string Name => "endpoints-controller";

    public WorkQueue Queue { get; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.WhenAll(
        _services.WaitForSyncAsync(cancellationToken), _endpoints.WaitForSyncAsync(cancellationToken), _pods.WaitForSyncAsync(cancellationToken));

    public IEnumerable<string> AllKeys() => _services.Cache.List().Select(ObjectKey.Of);

    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        // The cause is kept until a pass succeeds, so a pass retried after a failure still names it; a newer cause
        // recorded meanwhile stays for the pass it queued.
        var caused = _causes.TryGetValue(key, out var id);
        using (KubeApiClient.CausedBy(caused ? id : null)) await SyncAsync(key, cancellationToken);
        if (caused) _causes.TryRemove(KeyValuePair.Create(key, id));
    }

    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var service = _services.Cache.Get(ns, name);
        var current = _endpoints.Cache.Get(ns, name);
        if (service is null)
        {
            // Kubernetes deletes the Endpoints of a Service that is gone.
            if (current is not null) await _api.TryDeleteAsync<Endpoints>(ResourceKind.Endpoints, ns, name, cancellationToken: cancellationToken);
            return;
        }
        var selector = LabelSelector.OfLabels(service.Spec.Selector);
        if (selector.IsEverything) return;

        var subsets = Subsets(service, _pods.Cache.InNamespace(ns).Where(p => selector.Matches(p.Metadata.Labels)));
        if (current is null)
        {
            await _api.CreateAsync(ResourceKind.Endpoints, new Endpoints
            {
                Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = service.Metadata.Labels is { } labels ? new(labels) : null },
                Subsets = subsets.Count == 0 ? null : subsets,
            }, cancellationToken);
            LogWritten(key, Count(subsets, s => s.Addresses), Count(subsets, s => s.NotReadyAddresses));
        }
        else if (!Contracts.Serialization.KubeJson.Equal(current.Subsets ?? [], subsets))
        {
            // On the resourceVersion seen: an edit meanwhile is a conflict, and the next pass works from it.
            await _api.ReplaceAsync(ResourceKind.Endpoints, current with { Subsets = subsets.Count == 0 ? null : subsets }, cancellationToken);
            LogWritten(key, Count(subsets, s => s.Addresses), Count(subsets, s => s.NotReadyAddresses));
        }
    }

    /// <summary>The subsets for a Service's pods: each pod that publishes any of the service ports on its node (with
    /// those it publishes, as Kubernetes does), grouped by the host ports it publishes them on. Ordered, so the same
    /// pods always give the same subsets.</summary>
    public static List<EndpointSubset> Subsets(Service service, IEnumerable<Pod> pods)
    {
        var servicePorts = service.Spec.Ports ?? [];
        var groups = new Dictionary<string, (List<EndpointPort> Ports, List<EndpointAddress> Ready, List<EndpointAddress> NotReady)>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (pod.Metadata.DeletionTimestamp is not null || string.IsNullOrEmpty(pod.Spec.NodeName)
                || pod.Status?.Phase is PodPhases.Succeeded or PodPhases.Failed) continue;
            var published = pod.Status?.ContainerStatuses?.SelectMany(c => c.Ports ?? []).ToList() ?? [];
            var ports = new List<EndpointPort>();
            string? ip = null;
            foreach (var servicePort in servicePorts)
            {
                var target = servicePort.TargetPort ?? servicePort.Port;
                var match = published.FirstOrDefault(p => (target.IsInt ? p.ContainerPort == target.IntValue : p.Name == target.StringValue)
                    && p.Protocol == (servicePort.Protocol ?? "TCP"));
                if (match is null) continue;
                ip ??= match.HostIP is { Length: > 0 } hostIp && hostIp != "0.0.0.0" ? hostIp : pod.Status?.HostIP;
                ports.Add(new EndpointPort { Name = servicePort.Name, Port = match.HostPort, Protocol = servicePort.Protocol ?? "TCP" });
            }
            // A pod not (yet) publishing the service's ports cannot be reached: it is no endpoint.
            if (ports.Count == 0 || string.IsNullOrEmpty(ip)) continue;
            var address = new EndpointAddress
            {
                Ip = ip,
                // Kubernetes names the address after the pod when the pod says it is a member of this Service's domain.
                Hostname = pod.Spec.Subdomain == service.Metadata.Name && pod.Spec.Hostname is { Length: > 0 } hostname ? hostname : null,
                NodeName = pod.Spec.NodeName,
                TargetRef = new ObjectReference { Kind = "Pod", Namespace = pod.Metadata.Namespace, Name = pod.Metadata.Name, Uid = pod.Metadata.Uid },
            };
            var groupKey = string.Join(',', ports.Select(p => $"{p.Name}:{p.Port}"));
            if (!groups.TryGetValue(groupKey, out var group)) groups[groupKey] = group = (ports, [], []);
            (pod.IsReady() ? group.Ready : group.NotReady).Add(address);
        }
        return groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new EndpointSubset
        {
            Addresses = g.Value.Ready.Count == 0 ? null : [.. g.Value.Ready.OrderBy(a => a.TargetRef!.Name, StringComparer.Ordinal)],
            NotReadyAddresses = g.Value.NotReady.Count == 0 ? null : [.. g.Value.NotReady.OrderBy(a => a.TargetRef!.Name, StringComparer.Ordinal)],
            Ports = g.Value.Ports,
        }).ToList();
    }

    private void OnPodChanged(Pod? old, Pod? current)
    {
        var pod = (current ?? old)!;
        var cause = current is null ? _pods.Cache.DeletionCauseOf(pod.Metadata.Uid!) : _pods.Cache.CauseOf(pod.Metadata.Namespace, pod.Metadata.Name!);
        foreach (var service in _services.Cache.InNamespace(pod.Metadata.Namespace!))
        {
            var selector = LabelSelector.OfLabels(service.Spec.Selector);
            if (selector.IsEverything) continue;
            if ((old is not null && selector.Matches(old.Metadata.Labels)) || (current is not null && selector.Matches(current.Metadata.Labels)))
                Enqueue(ObjectKey.Of(service), cause);
        }
    }

    private void Enqueue(string key, Guid? cause)
    {
        if (cause is { } id) _causes[key] = id;
        Queue.Add(key);
    }

    private static int Count(List<EndpointSubset> subsets, Func<EndpointSubset, List<EndpointAddress>?> addresses) => subsets.Sum(s => addresses(s)?.Count ?? 0);

    [LoggerMessage(EventId = 750, Level = LogLevel.Information, Message = "Endpoints {Key}: {Ready} ready, {NotReady} not ready")]
    private partial void LogWritten(string key, int ready, int notReady);
}
