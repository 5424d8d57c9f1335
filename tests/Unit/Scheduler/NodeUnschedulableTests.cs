using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Plugins;
using static EventOrch.Tests.Unit.Scheduler.SchedulingObjects;

namespace EventOrch.Tests.Unit.Scheduler;

public sealed class NodeUnschedulableTests
{
    [Theory]
    [InlineData(null, null, null, null, true)]
    [InlineData(false, null, null, null, true)]
    [InlineData(true, null, null, null, false)]
    [InlineData(true, WellKnownLabels.Unschedulable, "Exists", TaintEffects.NoSchedule, true)]
    [InlineData(true, WellKnownLabels.Unschedulable, "Exists", null, true)]
    [InlineData(true, null, "Exists", null, true)]
    [InlineData(true, WellKnownLabels.Unschedulable, "Exists", TaintEffects.NoExecute, false)]
    [InlineData(true, "other", "Exists", TaintEffects.NoSchedule, false)]
    public void Cordoned_nodes_take_only_pods_that_tolerate_the_unschedulable_taint(
        bool? unschedulable, string? tolerationKey, string? tolerationOperator, string? tolerationEffect, bool fits)
    {
        var node = Node() with { Spec = new NodeSpec { Unschedulable = unschedulable } };
        var pod = tolerationOperator is null
            ? Pod()
            : Pod().WithTolerations(new Toleration { Key = tolerationKey, Operator = tolerationOperator, Effect = tolerationEffect });

        var result = new NodeUnschedulable().Filter(pod, node.Info());

        Assert.Equal(fits, result.Fits);
        Assert.Equal(fits ? null : "node(s) were unschedulable", result.Reason);
    }
}
