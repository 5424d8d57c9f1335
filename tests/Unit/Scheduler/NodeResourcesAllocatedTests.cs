using EventOrch.Scheduler.Plugins;
using static EventOrch.Tests.Unit.Scheduler.SchedulingObjects;

namespace EventOrch.Tests.Unit.Scheduler;

public sealed class NodeResourcesAllocatedTests
{
    // The node has nodeCpu and nodeMemory allocatable; one pod requesting existingCpu/existingMemory runs on it
    // (none when both are "-"). A missing request counts as 100m cpu / 200Mi memory.
    [Theory]
    [InlineData("4", "8Gi", "-", "-", "1", "2Gi", 75, 25)]
    [InlineData("4", "8Gi", "2", "4Gi", "1", "2Gi", 25, 75)]
    [InlineData("4", "8Gi", "-", "-", null, null, 97, 2)]
    [InlineData("4", "8Gi", "-", "-", "0", "0", 100, 0)]
    [InlineData("1", "8Gi", "1", null, "1", null, 47, 52)]
    [InlineData("4", "0", "-", "-", "1", "2Gi", 75, 25)]
    [InlineData("0", "0", "-", "-", "1", "2Gi", 0, 0)]
    public void Scores_average_the_cpu_and_memory_share_left_or_used(
        string nodeCpu, string nodeMemory, string? existingCpu, string? existingMemory, string? podCpu, string? podMemory, long least, long most)
    {
        var node = Node(cpu: nodeCpu, memory: nodeMemory);
        var info = existingCpu == "-" ? node.Info() : node.Info(Pod("existing", existingCpu, existingMemory));
        var pod = Pod("new", podCpu, podMemory);

        Assert.Equal(least, new NodeResourcesLeastAllocated().Score(pod, info, [info]));
        Assert.Equal(most, new NodeResourcesMostAllocated().Score(pod, info, [info]));
    }
}
