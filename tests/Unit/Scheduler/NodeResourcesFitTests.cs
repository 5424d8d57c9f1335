using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;
using EventOrch.Scheduler.Plugins;
using static EventOrch.Tests.Unit.Scheduler.SchedulingObjects;

namespace EventOrch.Tests.Unit.Scheduler;

public sealed class NodeResourcesFitTests
{
    // The node has 2 cpu, 4Gi memory and the given pod slots; one pod requesting existingCpu/existingMemory runs on it.
    [Theory]
    [InlineData("500m", "1Gi", "1", "2Gi", "110", "")]
    [InlineData("1", "2Gi", "1", "2Gi", "110", "")]
    [InlineData("1500m", null, "1", null, "110", "Insufficient cpu")]
    [InlineData(null, "3Gi", null, "2Gi", "110", "Insufficient memory")]
    [InlineData("3", "8Gi", null, null, "110", "Insufficient cpu|Insufficient memory")]
    [InlineData(null, null, null, null, "1", "Too many pods")]
    [InlineData("5", "5Gi", null, null, "1", "Too many pods|Insufficient cpu|Insufficient memory")]
    [InlineData(null, null, "2", "4Gi", "110", "")]
    [InlineData("0", "0", "2", "4Gi", "110", "")]
    public void Each_resource_the_node_is_short_of_is_a_reason(
        string? podCpu, string? podMemory, string? existingCpu, string? existingMemory, string pods, string expected)
    {
        var node = Node(cpu: "2", memory: "4Gi", pods: pods).Info(Pod("existing", existingCpu, existingMemory));

        var result = new NodeResourcesFit().Filter(Pod("new", podCpu, podMemory), node);

        Assert.Equal(expected.Length == 0, result.Fits);
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), FilterReasons.Of(result));
    }

    [Fact]
    public void A_node_that_reports_no_pod_slots_takes_no_pods()
    {
        var node = Node() with { Status = new NodeStatus { Allocatable = new() { ["cpu"] = "4", ["memory"] = "8Gi" } } };

        var result = new NodeResourcesFit().Filter(Pod(), node.Info());

        Assert.Equal(["Too many pods"], FilterReasons.Of(result));
    }

    [Fact]
    public void An_init_container_larger_than_the_containers_sets_the_request()
    {
        var pod = Pod(cpu: "100m").WithSpec(s => s with
        {
            InitContainers = [new Container { Name = "init", Resources = new() { Requests = new() { ["cpu"] = "3" } } }],
        });

        var result = new NodeResourcesFit().Filter(pod, Node(cpu: "2").Info());

        Assert.Equal(["Insufficient cpu"], FilterReasons.Of(result));
    }
}
