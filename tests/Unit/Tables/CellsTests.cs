using EventOrch.Api.Tables;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Tables;

public sealed class CellsTests
{
    [Fact]
    public void An_object_without_a_creation_time_has_an_unknown_age()
    {
        Assert.Equal("<unknown>", Cells.Since(null, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void A_load_balancer_lists_each_ingress_point_once_by_its_ip_else_its_hostname()
    {
        var status = new LoadBalancerStatus
        {
            Ingress = [new LoadBalancerIngress { Ip = "10.0.0.1", Hostname = "lb.example" }, new LoadBalancerIngress { Hostname = "lb2.example" },
                new LoadBalancerIngress(), new LoadBalancerIngress { Ip = "10.0.0.1" }],
        };

        Assert.Equal("10.0.0.1,lb2.example", Cells.LoadBalancerAddresses(status));
        Assert.Equal("", Cells.LoadBalancerAddresses(null));
    }
}
