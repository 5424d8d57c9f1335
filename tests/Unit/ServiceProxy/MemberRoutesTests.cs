using EventOrch.Contracts.Model;
using EventOrch.Controllers.Networking;
using EventOrch.ServiceProxy.Configuration;

namespace EventOrch.Tests.Unit.ServiceProxy;

public sealed class MemberRoutesTests
{
    private static Service Svc(string? clusterIP, params ServicePort[] ports) => new()
    {
        Metadata = new ObjectMeta { Name = "db", Namespace = "shop", Uid = "db" },
        Spec = new ServiceSpec { ClusterIP = clusterIP, Selector = new() { ["app"] = "db" }, Ports = [.. ports] },
    };

    private static Endpoints Eps(params (string Ip, string? Hostname, bool Ready)[] addresses) => new()
    {
        Metadata = new ObjectMeta { Name = "db", Namespace = "shop" },
        Subsets =
        [
            new EndpointSubset
            {
                Addresses = [.. addresses.Where(a => a.Ready).Select(a => new EndpointAddress { Ip = a.Ip, Hostname = a.Hostname })],
                NotReadyAddresses = [.. addresses.Where(a => !a.Ready).Select(a => new EndpointAddress { Ip = a.Ip, Hostname = a.Hostname })],
                Ports = [new EndpointPort { Port = 40000 }],
            },
        ],
    };

    private static ProxySnapshot Build(Service service, Endpoints endpoints) =>
        ProxyConfigBuilder.Build([service], (_, _) => endpoints, TimeSpan.FromSeconds(10));

    [Fact]
    public void A_headless_service_routes_each_ready_named_member_by_its_own_host_to_that_member_alone()
    {
        var snapshot = Build(Svc("None", new ServicePort { Port = 80 }),
            Eps(("127.0.0.1", "db-0", true), ("127.0.0.2", "db-1", true), ("127.0.0.3", "db-2", false), ("127.0.0.4", null, true)));

        var member = Assert.Single(snapshot.Routes, r => r.Match.Hosts!.Contains("db-0.db.shop"));
        Assert.Equal(["db-0.db.shop.svc", "db-0.db.shop"], member.Match.Hosts);
        var cluster = Assert.Single(snapshot.Clusters, c => c.ClusterId == member.ClusterId);
        Assert.Equal(["http://127.0.0.1:40000"], cluster.Destinations!.Values.Select(d => d.Address));
        Assert.Contains(snapshot.Routes, r => r.Match.Hosts!.Contains("db-1.db.shop"));
        Assert.DoesNotContain(snapshot.Routes, r => r.Match.Hosts!.Any(h => h.StartsWith("db-2.", StringComparison.Ordinal)));
        var service = Assert.Single(snapshot.Routes, r => r.Match.Hosts!.Contains("db.shop"));
        Assert.Equal(3, snapshot.Clusters.Single(c => c.ClusterId == service.ClusterId).Destinations!.Count);
        Assert.Equal(["db-0.db.shop", "db-1.db.shop", "db.shop"], snapshot.ServiceNames);
    }

    [Fact]
    public void A_service_with_a_cluster_ip_gets_no_member_routes()
    {
        var snapshot = Build(Svc(null, new ServicePort { Port = 80 }), Eps(("127.0.0.1", "db-0", true)));

        Assert.Single(snapshot.Routes);
    }

    [Fact]
    public void A_second_port_of_a_members_route_is_reached_with_the_port_in_the_host()
    {
        var snapshot = Build(Svc("None", new ServicePort { Port = 80, Name = "http" }, new ServicePort { Port = 9090, Name = "metrics" }),
            new Endpoints
            {
                Metadata = new ObjectMeta { Name = "db", Namespace = "shop" },
                Subsets = [new EndpointSubset { Addresses = [new EndpointAddress { Ip = "127.0.0.1", Hostname = "db-0" }], Ports = [new EndpointPort { Name = "http", Port = 1 }, new EndpointPort { Name = "metrics", Port = 2 }] }],
            });

        Assert.Contains(snapshot.Routes, r => r.Match.Hosts!.SequenceEqual(["db-0.db.shop.svc:9090", "db-0.db.shop:9090"]));
    }

    [Theory]
    [InlineData("db", "db-0", "db-0")]
    [InlineData("other", "db-0", null)]
    [InlineData(null, "db-0", null)]
    [InlineData("db", null, null)]
    public void An_endpoint_address_carries_the_pods_hostname_when_its_subdomain_is_the_services_name(string? subdomain, string? hostname, string? expected)
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "db-0", Namespace = "shop", Uid = "p", Labels = new() { ["app"] = "db" } },
            Spec = new PodSpec { NodeName = "n1", Hostname = hostname, Subdomain = subdomain },
            Status = new PodStatus
            {
                HostIP = "127.0.0.1",
                ContainerStatuses = [new ContainerStatus { Name = "c", Ports = [new PublishedPort { ContainerPort = 80, HostPort = 40000 }] }],
            },
        };

        var address = EndpointsController.Subsets(Svc("None", new ServicePort { Port = 80 }), [pod]).Single().NotReadyAddresses!.Single();

        Assert.Equal(expected, address.Hostname);
    }
}
