using System.Globalization;
using EventOrch.Contracts.Model;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace EventOrch.ServiceProxy.Configuration;

/// <summary>Turns Services and their Endpoints, and Ingresses, into one immutable <see cref="ProxySnapshot"/>: a cluster
/// per service port whose destinations are the ready addresses, an entry-point route per service port matched by Host,
/// a route per node port, an entry-point route per Ingress path, and for a headless Service a route per named member
/// (<see cref="MemberRoutes"/>). Pure: the same objects always give the same
/// snapshot.</summary>
public static class ProxyConfigBuilder
{
    public const string ClientIPPolicy = "ClientIP";
    public const int DefaultClientIPTimeoutSeconds = 10800;

    private static readonly string[] LoadBalancingPolicyNames =
        [LoadBalancingPolicies.RoundRobin, LoadBalancingPolicies.LeastRequests, LoadBalancingPolicies.PowerOfTwoChoices];

    // Port names that say the port carries cleartext HTTP/2 (the names Istio reads as the protocol).
    private static readonly string[] Http2PortNames = ["grpc", "h2c", "http2"];

    /// <param name="services">Every Service in the cache.</param>
    /// <param name="endpointsOf">The Endpoints object of a Service (same namespace and name), if any.</param>
    /// <param name="healthWindow">How long an ejected destination stays out.</param>
    /// <param name="ingresses">Every Ingress in the cache; none by default.</param>
    public static ProxySnapshot Build(IEnumerable<Service> services, Func<string, string, Endpoints?> endpointsOf, TimeSpan healthWindow,
        IEnumerable<Ingress>? ingresses = null)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        var nodePorts = new List<NodePortListener>();
        var names = new List<string>();
        var takenNodePorts = new HashSet<int>();
        // After the services' own clusters, so an Ingress backend finds the service's cluster first.
        var memberClusters = new List<ClusterConfig>();

        // Oldest first, so that if two services ever claim one node port, the one that had it first keeps it.
        var routable = services.Where(IsRoutable)
            .OrderBy(s => s.Metadata.CreationTimestamp ?? DateTimeOffset.MaxValue)
            .ThenBy(s => s.Metadata.Namespace, StringComparer.Ordinal)
            .ThenBy(s => s.Metadata.Name, StringComparer.Ordinal);
        foreach (var service in routable)
        {
            var ns = service.Metadata.Namespace!;
            var name = service.Metadata.Name!;
            var serviceKey = $"{ns}/{name}";
            names.Add($"{name}.{ns}");
            var endpoints = endpointsOf(ns, name);
            var ports = service.Spec.Ports!;
            for (var i = 0; i < ports.Count; i++)
            {
                var port = ports[i];
                var clusterId = $"{serviceKey}/{PortKey(port)}";
                var cluster = Cluster(clusterId, serviceKey, service, port, DestinationsFor(port, endpoints), healthWindow);
                clusters.Add(cluster);
                routes.Add(EntryRoute(clusterId, serviceKey, name, ns, port, isDefault: i == 0));
                if (MemberRoutes.IsHeadless(service)) MemberRoutes.Add(service, port, isDefault: i == 0, endpoints, cluster, memberClusters, routes, names);
                if (IsNodePortType(service.Spec.Type) && port.NodePort is { } nodePort && takenNodePorts.Add(nodePort))
                {
                    routes.Add(NodePortRoute(clusterId, serviceKey, nodePort));
                    nodePorts.Add(new NodePortListener(nodePort, IsHttp2(port.Name), serviceKey));
                }
            }
        }

        clusters.AddRange(memberClusters);
        AddIngressRoutes(ingresses ?? [], routes, clusters);
        names.Sort(StringComparer.Ordinal);
        nodePorts.Sort((a, b) => a.Port.CompareTo(b.Port));
        return new ProxySnapshot(routes, clusters, nodePorts, names);
    }

    /// <summary>The ready addresses of the subsets that carry this service port: the subset port with the service
    /// port's name (both empty for a single unnamed port). Not-ready addresses get no traffic.</summary>
    public static IReadOnlyDictionary<string, DestinationConfig> DestinationsFor(ServicePort port, Endpoints? endpoints)
    {
        var destinations = new SortedDictionary<string, DestinationConfig>(StringComparer.Ordinal);
        foreach (var subset in endpoints?.Subsets ?? [])
        {
            if (subset.Ports?.FirstOrDefault(p => NameOf(p.Name) == NameOf(port.Name)) is not { } subsetPort) continue;
            foreach (var address in subset.Addresses ?? [])
            {
                if (string.IsNullOrEmpty(address.Ip)) continue;
                var authority = $"{(address.Ip.Contains(':') ? $"[{address.Ip}]" : address.Ip)}:{subsetPort.Port.ToString(CultureInfo.InvariantCulture)}";
                destinations.TryAdd(authority, new DestinationConfig { Address = $"http://{authority}", Metadata = PodOf(address, endpoints!.Metadata.Namespace) });
            }
        }
        return destinations;
    }

    // The pod behind an address, so the proxy can measure traffic per pod (none for an address that names no pod). A
    // targetRef without a namespace (a hand-written Endpoints) names a pod of the Endpoints' own namespace.
    private static Dictionary<string, string>? PodOf(EndpointAddress address, string? @namespace) =>
        address.TargetRef is { Kind: "Pod", Name: { Length: > 0 } pod } target
            ? new Dictionary<string, string> { [ProxyMetadata.PodNamespace] = target.Namespace is { Length: > 0 } ns ? ns : @namespace ?? "", [ProxyMetadata.PodName] = pod }
            : null;

    /// <summary>The policy a Service asks for by annotation; an unknown value falls back to round robin.</summary>
    public static string LoadBalancingOf(Service service) =>
        service.Metadata.Annotations?.GetValueOrDefault(ProxyMetadata.LoadBalancingAnnotation) is { } asked
            ? LoadBalancingPolicyNames.FirstOrDefault(n => string.Equals(n, asked.Trim(), StringComparison.OrdinalIgnoreCase)) ?? LoadBalancingPolicies.RoundRobin
            : LoadBalancingPolicies.RoundRobin;

    public static bool IsHttp2(string? portName) =>
        portName is not null && Http2PortNames.Any(p => portName.Equals(p, StringComparison.OrdinalIgnoreCase)
            || portName.StartsWith(p + "-", StringComparison.OrdinalIgnoreCase));

    private static bool IsRoutable(Service service) =>
        !string.IsNullOrEmpty(service.Metadata.Name) && !string.IsNullOrEmpty(service.Metadata.Namespace)
        && service.Spec.Ports is { Count: > 0 } && service.Spec.Type != "ExternalName";

    // LoadBalancer services get node ports too, as in Kubernetes.
    private static bool IsNodePortType(string? type) => type is ServiceTypes.NodePort or "LoadBalancer";

    private static string PortKey(ServicePort port) =>
        string.IsNullOrEmpty(port.Name) ? port.Port.ToString(CultureInfo.InvariantCulture) : port.Name;

    private static string NameOf(string? name) => name ?? "";

    private static ClusterConfig Cluster(string clusterId, string serviceKey, Service service, ServicePort port,
        IReadOnlyDictionary<string, DestinationConfig> destinations, TimeSpan healthWindow)
    {
        var loadBalancing = LoadBalancingOf(service);
        var metadata = new Dictionary<string, string>
        {
            [ProxyMetadata.Service] = serviceKey,
            [ProxyMetadata.ServicePort] = port.Port.ToString(CultureInfo.InvariantCulture),
            [ProxyMetadata.ServicePortName] = port.Name ?? "",
        };
        if (string.Equals(service.Spec.SessionAffinity, "ClientIP", StringComparison.Ordinal))
        {
            metadata[ProxyMetadata.InnerLoadBalancing] = loadBalancing;
            metadata[ProxyMetadata.ClientIPTimeoutSeconds] =
                (service.Spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds ?? DefaultClientIPTimeoutSeconds).ToString(CultureInfo.InvariantCulture);
            loadBalancing = ClientIPPolicy;
        }
        return new ClusterConfig
        {
            ClusterId = clusterId,
            LoadBalancingPolicy = loadBalancing,
            Destinations = destinations,
            HealthCheck = new HealthCheckConfig
            {
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                    ReactivationPeriod = healthWindow,
                },
            },
            Metadata = metadata,
        };
    }

    // The first port answers for the bare names (any port in Host); every other port for "name:port" only, ahead of
    // the first (lower Order wins), so "svc.ns.svc:8443" reaches the 8443 service port.
    private static RouteConfig EntryRoute(string clusterId, string serviceKey, string name, string ns, ServicePort port, bool isDefault)
    {
        var suffix = isDefault ? "" : $":{port.Port.ToString(CultureInfo.InvariantCulture)}";
        return new RouteConfig
        {
            RouteId = $"{clusterId}/entry",
            ClusterId = clusterId,
            Order = isDefault ? 1 : 0,
            Match = new RouteMatch { Hosts = [$"{name}.{ns}.svc{suffix}", $"{name}.{ns}{suffix}"], Path = "/{**catch-all}" },
            Metadata = new Dictionary<string, string> { [ProxyMetadata.Listener] = ProxyMetadata.EntryListener, [ProxyMetadata.Service] = serviceKey },
        };
    }

    // Each Ingress path is a route on the entry point to its backend's cluster: Exact paths ahead of Prefix ones, and
    // rules with a host ahead of the services' own names' fallbacks; a rule without a host comes after every
    // service name. A backend whose service or port does not exist gets an empty cluster, so it answers 503 naming
    // the service, as an ingress controller does, rather than breaking the whole configuration.
    private static void AddIngressRoutes(IEnumerable<Ingress> ingresses, List<RouteConfig> routes, List<ClusterConfig> clusters)
    {
        var clusterIds = clusters.Select(c => c.ClusterId).ToHashSet(StringComparer.Ordinal);
        var services = clusters.Where(c => c.Metadata?.ContainsKey(ProxyMetadata.Service) == true)
            .GroupBy(c => c.Metadata![ProxyMetadata.Service]).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var ingress in ingresses.OrderBy(i => i.Metadata.Namespace, StringComparer.Ordinal).ThenBy(i => i.Metadata.Name, StringComparer.Ordinal))
        {
            var ns = ingress.Metadata.Namespace!;
            var rules = ingress.Spec.Rules ?? [];
            for (var r = 0; r < rules.Count; r++)
            {
                var paths = rules[r].Http?.Paths ?? [];
                for (var p = 0; p < paths.Count; p++)
                {
                    var path = paths[p];
                    if (path.Backend.Service is not { } backend || path.Path is not { Length: > 0 } value) continue;
                    var clusterId = BackendCluster(ns, backend, services, clusterIds, clusters);
                    var exact = path.PathType == PathTypes.Exact;
                    var escaped = value.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
                    var prefix = escaped.TrimEnd('/');
                    routes.Add(new RouteConfig
                    {
                        RouteId = $"ingress/{ns}/{ingress.Metadata.Name}/{r}/{p}",
                        ClusterId = clusterId,
                        Order = (rules[r].Host is { Length: > 0 } ? 0 : 10) + (exact ? 0 : 1),
                        Match = new RouteMatch
                        {
                            Hosts = rules[r].Host is { Length: > 0 } host ? [host] : null,
                            Path = exact ? escaped : $"{prefix}/{{**catch-all}}",
                        },
                        Metadata = new Dictionary<string, string>
                        {
                            [ProxyMetadata.Listener] = ProxyMetadata.EntryListener,
                            [ProxyMetadata.Service] = $"{ns}/{backend.Name}",
                        },
                    });
                }
            }
        }
    }

    private static string BackendCluster(string ns, IngressServiceBackend backend, Dictionary<string, List<ClusterConfig>> services,
        HashSet<string> clusterIds, List<ClusterConfig> clusters)
    {
        var serviceKey = $"{ns}/{backend.Name}";
        var byPort = backend.Port.Number is { } number ? number.ToString(CultureInfo.InvariantCulture) : backend.Port.Name ?? "";
        if (services.TryGetValue(serviceKey, out var ports)
            && ports.FirstOrDefault(c => c.Metadata!.GetValueOrDefault(ProxyMetadata.ServicePort) == byPort
                || c.Metadata!.GetValueOrDefault(ProxyMetadata.ServicePortName) == byPort) is { } found)
            return found.ClusterId;
        var missing = $"{serviceKey}/missing/{byPort}";
        if (clusterIds.Add(missing))
        {
            clusters.Add(new ClusterConfig
            {
                ClusterId = missing,
                Destinations = new Dictionary<string, DestinationConfig>(),
                Metadata = new Dictionary<string, string> { [ProxyMetadata.Service] = serviceKey },
            });
        }
        return missing;
    }

    private static RouteConfig NodePortRoute(string clusterId, string serviceKey, int nodePort) => new()
    {
        RouteId = $"{clusterId}/node-port",
        ClusterId = clusterId,
        Match = new RouteMatch { Path = "/{**catch-all}" },
        Metadata = new Dictionary<string, string>
        {
            [ProxyMetadata.Listener] = ProxyMetadata.NodePortListener(nodePort),
            [ProxyMetadata.Service] = serviceKey,
        },
    };
}
