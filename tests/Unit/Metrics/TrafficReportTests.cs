using EventOrch.Contracts.Model;
using EventOrch.ServiceProxy.Configuration;
using EventOrch.ServiceProxy.Metrics;

namespace EventOrch.Tests.Unit.Metrics;

public sealed class TrafficReportTests
{
    [Fact]
    public void Destinations_name_the_pod_behind_each_ready_address()
    {
        var service = new Service { Metadata = new ObjectMeta { Name = "web", Namespace = "shop" }, Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] } };
        var endpoints = new Endpoints
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "shop" },
            Subsets =
            [
                new EndpointSubset
                {
                    Addresses =
                    [
                        new EndpointAddress { Ip = "10.0.0.1", TargetRef = new ObjectReference { Kind = "Pod", Namespace = "shop", Name = "web-1" } },
                        new EndpointAddress { Ip = "10.0.0.2" },
                    ],
                    NotReadyAddresses = [new EndpointAddress { Ip = "10.0.0.3", TargetRef = new ObjectReference { Kind = "Pod", Namespace = "shop", Name = "web-3" } }],
                    Ports = [new EndpointPort { Port = 8080 }],
                },
            ],
        };
        var snapshot = ProxyConfigBuilder.Build([service], (_, _) => endpoints, TimeSpan.FromSeconds(10));

        Assert.Equal([("shop/web", "shop", "web-1")], TrafficReporter.ReadyPods(snapshot));
    }
}
