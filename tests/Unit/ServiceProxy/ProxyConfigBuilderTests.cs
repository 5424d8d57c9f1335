using EventOrch.Contracts.Model;
using EventOrch.ServiceProxy.Configuration;

namespace EventOrch.Tests.Unit.ServiceProxy;

public sealed class ProxyConfigBuilderTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private static Service Svc(string name, params ServicePort[] ports) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "shop", Uid = name },
        Spec = new ServiceSpec { Ports = [.. ports] },
    };

    private static ServicePort Port(int port, string? name = null, int? nodePort = null) => new() { Port = port, Name = name, NodePort = nodePort };

    private static Endpoints Eps(string name, params EndpointSubset[] subsets) =>
        new() { Metadata = new ObjectMeta { Name = name, Namespace = "shop" }, Subsets = [.. subsets] };

    private static EndpointSubset Subset(string[] ready, (string? Name, int Port)[] ports, string[]? notReady = null) => new()
    {
        Addresses = [.. ready.Select(ip => new EndpointAddress { Ip = ip })],
        NotReadyAddresses = notReady is null ? null : [.. notReady.Select(ip => new EndpointAddress { Ip = ip })],
        Ports = [.. ports.Select(p => new EndpointPort { Name = p.Name, Port = p.Port })],
    };

    private static ProxySnapshot Build(IEnumerable<Service> services, params Endpoints[] endpoints) =>
        ProxyConfigBuilder.Build(services, (ns, n) => endpoints.FirstOrDefault(e => e.Metadata.Namespace == ns && e.Metadata.Name == n), Window);

    [Fact]
    public void A_service_with_one_unnamed_port_gets_a_cluster_of_its_ready_addresses_and_an_entry_route_by_host()
    {
        var snapshot = Build([Svc("web", Port(80))],
            Eps("web", Subset(["127.0.0.1", "127.0.0.2"], [(null, 40001)], notReady: ["127.0.0.3"])));

        var cluster = Assert.Single(snapshot.Clusters);
        Assert.Equal("shop/web/80", cluster.ClusterId);
        Assert.Equal(["http://127.0.0.1:40001", "http://127.0.0.2:40001"], cluster.Destinations!.Values.Select(d => d.Address));
        Assert.Equal("RoundRobin", cluster.LoadBalancingPolicy);
        Assert.True(cluster.HealthCheck!.Passive!.Enabled);
        Assert.Equal("TransportFailureRate", cluster.HealthCheck.Passive.Policy);
        Assert.Equal(Window, cluster.HealthCheck.Passive.ReactivationPeriod);
        var route = Assert.Single(snapshot.Routes);
        Assert.Equal(["web.shop.svc", "web.shop"], route.Match.Hosts);
        Assert.Equal(ProxyMetadata.EntryListener, route.Metadata![ProxyMetadata.Listener]);
        Assert.Equal("shop/web", route.Metadata[ProxyMetadata.Service]);
        Assert.Empty(snapshot.NodePorts);
        Assert.Equal(["web.shop"], snapshot.ServiceNames);
    }

    [Fact]
    public void Each_named_port_takes_its_destinations_from_the_subset_port_of_the_same_name()
    {
        var snapshot = Build([Svc("api", Port(80, "http"), Port(9090, "metrics"))],
            Eps("api",
                Subset(["127.0.0.1"], [("http", 40001), ("metrics", 40002)]),
                Subset(["127.0.0.5"], [("http", 40010)])));

        var http = snapshot.Clusters.Single(c => c.ClusterId == "shop/api/http");
        var metrics = snapshot.Clusters.Single(c => c.ClusterId == "shop/api/metrics");
        Assert.Equal(["http://127.0.0.1:40001", "http://127.0.0.5:40010"], http.Destinations!.Values.Select(d => d.Address));
        Assert.Equal(["http://127.0.0.1:40002"], metrics.Destinations!.Values.Select(d => d.Address));
    }

    [Fact]
    public void The_first_port_answers_for_the_bare_names_and_the_others_for_name_and_service_port_first()
    {
        var snapshot = Build([Svc("api", Port(80, "http"), Port(9090, "metrics"))]);

        var first = snapshot.Routes.Single(r => r.ClusterId == "shop/api/http");
        var second = snapshot.Routes.Single(r => r.ClusterId == "shop/api/metrics");
        Assert.Equal(["api.shop.svc", "api.shop"], first.Match.Hosts);
        Assert.Equal(["api.shop.svc:9090", "api.shop:9090"], second.Match.Hosts);
        Assert.True(second.Order < first.Order);
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("", null, true)]
    [InlineData(null, "", true)]
    [InlineData("http", "http", true)]
    [InlineData("http", null, false)]
    [InlineData(null, "http", false)]
    [InlineData("http", "web", false)]
    public void A_subset_port_serves_a_service_port_only_when_their_names_match(string? servicePortName, string? subsetPortName, bool serves)
    {
        var destinations = ProxyConfigBuilder.DestinationsFor(Port(80, servicePortName), Eps("x", Subset(["127.0.0.1"], [(subsetPortName, 40001)])));

        Assert.Equal(serves ? 1 : 0, destinations.Count);
    }

    [Fact]
    public void A_service_without_endpoints_or_with_only_not_ready_addresses_has_an_empty_cluster()
    {
        var snapshot = Build([Svc("none", Port(80)), Svc("unready", Port(80))],
            Eps("unready", Subset([], [(null, 40001)], notReady: ["127.0.0.1"])));

        Assert.All(snapshot.Clusters, c => Assert.Empty(c.Destinations!));
        Assert.Equal(2, snapshot.Routes.Count);
    }

    [Fact]
    public void Each_node_port_gets_a_route_and_a_listener_for_its_own_service_port()
    {
        var service = Svc("np") with
        {
            Spec = new ServiceSpec { Type = ServiceTypes.NodePort, Ports = [Port(80, "http", 30080), Port(50051, "grpc", 30051)] },
        };

        var snapshot = Build([service]);

        Assert.Equal([new NodePortListener(30051, true, "shop/np"), new NodePortListener(30080, false, "shop/np")], snapshot.NodePorts);
        var route = snapshot.Routes.Single(r => r.Metadata![ProxyMetadata.Listener] == ProxyMetadata.NodePortListener(30080));
        Assert.Equal("shop/np/http", route.ClusterId);
        Assert.Null(route.Match.Hosts);
    }

    [Fact]
    public void A_cluster_ip_service_gets_no_node_port_even_with_one_given()
    {
        var snapshot = Build([Svc("c", Port(80, null, 30080))]);

        Assert.Empty(snapshot.NodePorts);
        Assert.Single(snapshot.Routes);
    }

    [Fact]
    public void When_two_services_claim_one_node_port_the_older_keeps_it()
    {
        Service NodePort(string name, int minute) => Svc(name) with
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "shop", CreationTimestamp = DateTimeOffset.UnixEpoch.AddMinutes(minute) },
            Spec = new ServiceSpec { Type = ServiceTypes.NodePort, Ports = [Port(80, null, 30080)] },
        };

        var snapshot = Build([NodePort("newer", 2), NodePort("older", 1)]);

        Assert.Equal("shop/older", Assert.Single(snapshot.NodePorts).Service);
    }

    [Theory]
    [InlineData(null, "RoundRobin")]
    [InlineData("LeastRequests", "LeastRequests")]
    [InlineData("powertwochoices", "RoundRobin")]
    [InlineData("poweroftwochoices", "PowerOfTwoChoices")]
    [InlineData(" RoundRobin ", "RoundRobin")]
    [InlineData("Random", "RoundRobin")]
    public void The_load_balancing_annotation_picks_a_yarp_policy_and_anything_else_is_round_robin(string? annotation, string policy)
    {
        var service = Svc("lb", Port(80)) with
        {
            Metadata = new ObjectMeta
            {
                Name = "lb", Namespace = "shop",
                Annotations = annotation is null ? null : new() { [ProxyMetadata.LoadBalancingAnnotation] = annotation },
            },
        };

        Assert.Equal(policy, Assert.Single(Build([service]).Clusters).LoadBalancingPolicy);
    }

    [Fact]
    public void Client_ip_affinity_uses_the_client_ip_policy_over_the_annotated_one_with_the_service_timeout()
    {
        var service = Svc("sticky", Port(80)) with
        {
            Metadata = new ObjectMeta { Name = "sticky", Namespace = "shop", Annotations = new() { [ProxyMetadata.LoadBalancingAnnotation] = "LeastRequests" } },
            Spec = new ServiceSpec
            {
                Ports = [Port(80)],
                SessionAffinity = "ClientIP",
                SessionAffinityConfig = new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = 60 } },
            },
        };

        var cluster = Assert.Single(Build([service]).Clusters);

        Assert.Equal(ProxyConfigBuilder.ClientIPPolicy, cluster.LoadBalancingPolicy);
        Assert.Equal("LeastRequests", cluster.Metadata![ProxyMetadata.InnerLoadBalancing]);
        Assert.Equal("60", cluster.Metadata[ProxyMetadata.ClientIPTimeoutSeconds]);
    }

    [Fact]
    public void Services_without_ports_are_not_served()
    {
        var snapshot = Build([Svc("empty")]);

        Assert.Empty(snapshot.Routes);
        Assert.Empty(snapshot.Clusters);
        Assert.Empty(snapshot.ServiceNames);
    }

    [Theory]
    [InlineData("grpc", true)]
    [InlineData("grpc-api", true)]
    [InlineData("h2c", true)]
    [InlineData("HTTP2-web", true)]
    [InlineData("http", false)]
    [InlineData("grpcweb", false)]
    [InlineData(null, false)]
    public void Ports_named_for_cleartext_http2_get_http2_listeners(string? name, bool http2) =>
        Assert.Equal(http2, ProxyConfigBuilder.IsHttp2(name));

    private static HttpIngressPath IngressPath(string path, string type, string service, int? number = null, string? name = null) => new()
    {
        Path = path,
        PathType = type,
        Backend = new IngressBackend { Service = new IngressServiceBackend { Name = service, Port = new ServiceBackendPort { Number = number, Name = name } } },
    };

    [Fact]
    public void An_ingress_path_routes_to_its_backends_cluster_by_host_and_path_exact_ahead_of_prefix()
    {
        var ingress = new Ingress
        {
            Metadata = new ObjectMeta { Name = "site", Namespace = "shop" },
            Spec = new IngressSpec
            {
                Rules =
                [
                    new IngressRule { Host = "shop.example.test", Http = new HttpIngressRuleValue { Paths = [IngressPath("/cart/", PathTypes.Prefix, "api", name: "http"), IngressPath("/health", PathTypes.Exact, "api", number: 80)] } },
                    new IngressRule { Http = new HttpIngressRuleValue { Paths = [IngressPath("/", PathTypes.Prefix, "gone", number: 80)] } },
                ],
            },
        };

        var snapshot = ProxyConfigBuilder.Build([Svc("api", Port(80, "http"), Port(9090, "metrics"))], (_, _) => null, Window, [ingress]);

        var cart = snapshot.Routes.Single(r => r.RouteId == "ingress/shop/site/0/0");
        Assert.Equal(("shop/api/http", "/cart/{**catch-all}", 1), (cart.ClusterId, cart.Match.Path, cart.Order));
        Assert.Equal(["shop.example.test"], cart.Match.Hosts);
        var health = snapshot.Routes.Single(r => r.RouteId == "ingress/shop/site/0/1");
        Assert.Equal(("shop/api/http", "/health", 0), (health.ClusterId, health.Match.Path, health.Order));
        // A backend that does not exist answers 503 through an empty cluster; a rule without a host comes after the services' names.
        var fallback = snapshot.Routes.Single(r => r.RouteId == "ingress/shop/site/1/0");
        Assert.Null(fallback.Match.Hosts);
        Assert.Equal(11, fallback.Order);
        var missing = snapshot.Clusters.Single(c => c.ClusterId == fallback.ClusterId);
        Assert.Empty(missing.Destinations!);
        Assert.Equal("shop/gone", missing.Metadata![ProxyMetadata.Service]);
    }

    [Fact]
    public void A_destination_names_the_pod_behind_it_in_the_endpoints_namespace_when_its_target_ref_names_none()
    {
        var subset = Subset(["127.0.0.1", "127.0.0.2"], [(null, 40001)]) with
        {
            Addresses =
            [
                new EndpointAddress { Ip = "127.0.0.1", TargetRef = new ObjectReference { Kind = "Pod", Name = "web-1" } },
                new EndpointAddress { Ip = "127.0.0.2", TargetRef = new ObjectReference { Kind = "Pod", Namespace = "shop", Name = "web-2" } },
            ],
        };

        var destinations = ProxyConfigBuilder.DestinationsFor(Port(80), Eps("web", subset));

        Assert.Equal(["shop/web-1", "shop/web-2"],
            destinations.Values.Select(d => $"{d.Metadata![ProxyMetadata.PodNamespace]}/{d.Metadata[ProxyMetadata.PodName]}"));
    }
}
