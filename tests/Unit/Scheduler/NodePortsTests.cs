using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Plugins;
using static EventOrch.Tests.Unit.Scheduler.SchedulingObjects;

namespace EventOrch.Tests.Unit.Scheduler;

public sealed class NodePortsTests
{
    // A pod on the node uses usedIp:8080/usedProtocol; the new pod wants wantedIp:wantedPort/wantedProtocol.
    [Theory]
    [InlineData(null, null, null, 8080, null, false)]
    [InlineData(null, "TCP", null, 8080, "TCP", false)]
    [InlineData(null, null, null, 8080, "UDP", true)]
    [InlineData(null, null, null, 8081, null, true)]
    [InlineData("127.0.0.1", null, "127.0.0.2", 8080, null, true)]
    [InlineData("127.0.0.1", null, "127.0.0.1", 8080, null, false)]
    [InlineData("127.0.0.1", null, "0.0.0.0", 8080, null, false)]
    [InlineData("127.0.0.1", null, null, 8080, null, false)]
    [InlineData("0.0.0.0", null, "127.0.0.1", 8080, null, false)]
    [InlineData("127.0.0.1", "UDP", "0.0.0.0", 8080, "TCP", true)]
    [InlineData(null, null, null, null, null, true)]
    public void A_host_port_in_use_on_the_same_address_and_protocol_does_not_fit(
        string? usedIp, string? usedProtocol, string? wantedIp, int? wantedPort, string? wantedProtocol, bool fits)
    {
        var existing = Pod("existing").WithHostPorts(new ContainerPort { Number = 80, HostPort = 8080, HostIP = usedIp, Protocol = usedProtocol });
        var pod = Pod("new").WithHostPorts(new ContainerPort { Number = 8080, HostPort = wantedPort, HostIP = wantedIp, Protocol = wantedProtocol });

        var result = new NodePorts().Filter(pod, Node().Info(existing));

        Assert.Equal(fits, result.Fits);
        Assert.Equal(fits ? null : "node(s) didn't have free ports for the requested pod ports", result.Reason);
    }
}
