using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Plugins;
using static EventOrch.Tests.Unit.Scheduler.SchedulingObjects;

namespace EventOrch.Tests.Unit.Scheduler;

public sealed class NodeReadyTests
{
    [Theory]
    [InlineData(ConditionStatuses.True, null, true)]
    [InlineData(ConditionStatuses.False, null, false)]
    [InlineData(ConditionStatuses.Unknown, null, false)]
    [InlineData(null, null, false)]
    [InlineData(ConditionStatuses.False, NodeReady.NotReadyTaintKey, true)]
    [InlineData(ConditionStatuses.False, NodeReady.UnreachableTaintKey, false)]
    [InlineData(ConditionStatuses.Unknown, NodeReady.UnreachableTaintKey, true)]
    [InlineData(null, NodeReady.UnreachableTaintKey, true)]
    public void Only_ready_nodes_fit_unless_the_pod_tolerates_their_not_ready_or_unreachable_taint(
        string? readyStatus, string? toleratedKey, bool fits)
    {
        var node = Node() with
        {
            Status = Node().Status! with
            {
                Conditions = readyStatus is null
                    ? [new NodeCondition { Type = NodeConditions.MemoryPressure, Status = ConditionStatuses.False }]
                    : [new NodeCondition { Type = NodeConditions.Ready, Status = readyStatus }],
            },
        };
        var pod = toleratedKey is null ? Pod() : Pod().WithTolerations(new Toleration { Key = toleratedKey, Operator = "Exists" });

        var result = new NodeReady().Filter(pod, node.Info());

        Assert.Equal(fits, result.Fits);
        Assert.Equal(fits ? null : "node(s) were not ready", result.Reason);
    }
}
