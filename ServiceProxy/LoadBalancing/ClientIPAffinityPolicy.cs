using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using EventOrch.ServiceProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace EventOrch.ServiceProxy.LoadBalancing;

/// <summary>Kubernetes' <c>sessionAffinity: ClientIP</c>: a client address keeps reaching the destination it reached
/// last, for <c>timeoutSeconds</c> after its latest request (kube-proxy's sliding timeout). A new client, or one whose
/// destination is gone or ejected, is placed by the service's own policy and remembered. Not YARP's cookie affinity:
/// that needs the client to keep a cookie, which a Service cannot ask of it.</summary>
public sealed class ClientIPAffinityPolicy(IServiceProvider services, TimeProvider time) : ILoadBalancingPolicy
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Cluster, IPAddress Client), Binding> _bindings = new();
    // The other policies, found lazily: resolving every ILoadBalancingPolicy while this one is being built would be circular.
    private readonly Lazy<Dictionary<string, ILoadBalancingPolicy>> _policies = new(() =>
        services.GetServices<ILoadBalancingPolicy>().Where(p => p is not ClientIPAffinityPolicy)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase));
    private long _nextPruneAt;

    private sealed record Binding(string DestinationId, DateTimeOffset ExpiresAt);

    public string Name => ProxyConfigBuilder.ClientIPPolicy;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        if (availableDestinations.Count == 0) return null;
        var now = time.GetUtcNow();
        PruneIfDue(now);
        var metadata = cluster.Model.Config.Metadata;
        var client = context.Connection.RemoteIpAddress;
        if (client is null) return Inner(metadata).PickDestination(context, cluster, availableDestinations);

        var key = (cluster.ClusterId, client);
        var timeout = TimeSpan.FromSeconds(TimeoutSeconds(metadata));
        if (_bindings.TryGetValue(key, out var binding) && binding.ExpiresAt > now)
        {
            foreach (var destination in availableDestinations)
            {
                if (destination.DestinationId != binding.DestinationId) continue;
                _bindings[key] = binding with { ExpiresAt = now + timeout };
                return destination;
            }
        }
        var picked = Inner(metadata).PickDestination(context, cluster, availableDestinations);
        if (picked is not null) _bindings[key] = new Binding(picked.DestinationId, now + timeout);
        return picked;
    }

    private ILoadBalancingPolicy Inner(IReadOnlyDictionary<string, string>? metadata) =>
        _policies.Value.GetValueOrDefault(metadata?.GetValueOrDefault(ProxyMetadata.InnerLoadBalancing) ?? LoadBalancingPolicies.RoundRobin)
        ?? _policies.Value[LoadBalancingPolicies.RoundRobin];

    private static int TimeoutSeconds(IReadOnlyDictionary<string, string>? metadata) =>
        int.TryParse(metadata?.GetValueOrDefault(ProxyMetadata.ClientIPTimeoutSeconds), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : ProxyConfigBuilder.DefaultClientIPTimeoutSeconds;

    // Forgotten clients would otherwise stay for ever; one sweep a minute keeps the table to the live ones.
    private void PruneIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextPruneAt);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPruneAt, (now + PruneEvery).UtcTicks, due) != due) return;
        foreach (var (key, binding) in _bindings)
            if (binding.ExpiresAt <= now) _bindings.TryRemove(new KeyValuePair<(string, IPAddress), Binding>(key, binding));
    }
}
