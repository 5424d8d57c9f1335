using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;
using EventOrch.Scheduler.Plugins;
using static EventOrch.Tests.Unit.Scheduler.SchedulingObjects;
using NodeAffinityPlugin = EventOrch.Scheduler.Plugins.NodeAffinity;

namespace EventOrch.Tests.Unit.Scheduler;

public sealed class SchedulingTests
{
    private static readonly SchedulingProfile FiltersOnly = new(
        "test",
        [new NodeUnschedulable(), new NodeReady(), new TaintToleration(), new NodeAffinityPlugin(), new NodePorts(), new NodeResourcesFit()],
        []);

    [Fact]
    public void With_no_nodes_the_pod_is_unschedulable_with_kubernetes_message()
    {
        var result = Scheduling.Schedule(Pod(), [], FiltersOnly);

        Assert.False(result.Scheduled);
        Assert.Equal("no nodes available to schedule pods", result.Message);
    }

    [Fact]
    public void A_pod_that_fits_nowhere_counts_each_reason_over_the_nodes()
    {
        var pod = Pod(cpu: "3").WithSpec(s => s with { NodeSelector = new() { ["zone"] = "a" } });
        List<NodeInfo> nodes =
        [
            Node("node-0", cpu: "8").Info(),
            Node("node-1", cpu: "2").WithLabels(("zone", "a")).Info(),
            Node("node-2", cpu: "2").WithLabels(("zone", "a")).Info(),
        ];

        var result = Scheduling.Schedule(pod, nodes, FiltersOnly);

        Assert.False(result.Scheduled);
        Assert.Equal("0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu.", result.Message);
        Assert.Equal(["Insufficient cpu"], result.UnfitNodes["node-1"]);
    }

    [Fact]
    public void Several_shortages_on_one_node_are_counted_separately_and_sorted_as_kubernetes_sorts_them()
    {
        var pod = Pod(cpu: "3", memory: "6Gi");
        List<NodeInfo> nodes = [Node("node-0", cpu: "2", memory: "4Gi").Info(), Node("node-1", cpu: "2", memory: "8Gi").Info()];

        var result = Scheduling.Schedule(pod, nodes, FiltersOnly);

        Assert.Equal("0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.", result.Message);
        Assert.Equal(["Insufficient cpu", "Insufficient memory"], result.UnfitNodes["node-0"]);
    }

    [Fact]
    public void Only_the_first_failing_filter_of_a_node_gives_its_reasons()
    {
        var cordoned = Node("node-0", cpu: "1") with { Spec = new NodeSpec { Unschedulable = true } };
        List<NodeInfo> nodes = [cordoned.Info(), Node("node-1", cpu: "1").WithTaints(Taint("dedicated", "db", TaintEffects.NoSchedule)).Info()];

        var result = Scheduling.Schedule(Pod(cpu: "2"), nodes, FiltersOnly);

        Assert.Equal("0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: db}, 1 node(s) were unschedulable.", result.Message);
    }

    [Fact]
    public void A_filter_without_a_reason_is_named_in_the_message()
    {
        var profile = new SchedulingProfile("test", [new RejectAll()], []);

        var result = Scheduling.Schedule(Pod(), [Node().Info()], profile);

        Assert.Equal("0/1 nodes are available: 1 node(s) were rejected by RejectAll.", result.Message);
    }

    [Fact]
    public void The_node_with_the_highest_weighted_score_wins_and_unfit_nodes_are_reported()
    {
        var profile = new SchedulingProfile(
            "test",
            [new NodeResourcesFit()],
            [new(new FixedScore("a", ("node-0", 100), ("node-1", 0), ("node-2", 60)), 1), new(new FixedScore("b", ("node-0", 0), ("node-1", 100), ("node-2", 60)), 3)]);
        List<NodeInfo> nodes = [Node("node-0").Info(), Node("node-1").Info(), Node("node-2").Info(), Node("node-3", cpu: "1").Info()];

        var result = Scheduling.Schedule(Pod(cpu: "2"), nodes, profile);

        Assert.True(result.Scheduled);
        Assert.Equal("node-1", result.NodeName);
        Assert.Equal(["node-3"], result.UnfitNodes.Keys);
    }

    [Fact]
    public void Ties_are_broken_the_same_way_for_a_pod_but_spread_over_pods()
    {
        List<NodeInfo> nodes = [Node("node-0").Info(), Node("node-1").Info(), Node("node-2").Info()];

        var first = Scheduling.Schedule(Pod(uid: "uid-1"), nodes, FiltersOnly).NodeName;
        var again = Scheduling.Schedule(Pod(uid: "uid-1"), [.. nodes.AsEnumerable().Reverse()], FiltersOnly).NodeName;
        var chosen = Enumerable.Range(0, 30).Select(i => Scheduling.Schedule(Pod(uid: $"uid-{i}"), nodes, FiltersOnly).NodeName).Distinct();

        Assert.Equal(first, again);
        Assert.Equal(3, chosen.Count());
    }

    [Fact]
    public void A_score_outside_0_to_100_is_a_plugin_bug()
    {
        var profile = new SchedulingProfile("test", [], [new(new FixedScore("broken", ("node-0", 101), ("node-1", 0)), 1)]);

        var error = Assert.Throws<InvalidOperationException>(() => Scheduling.Schedule(Pod(), [Node("node-0").Info(), Node("node-1").Info()], profile));

        Assert.Contains("broken", error.Message);
    }

    private sealed class RejectAll : IFilterPlugin
    {
        public string Name => nameof(RejectAll);

        public FilterResult Filter(Pod pod, NodeInfo node) => new(false);
    }

    private sealed class FixedScore(string name, params (string Node, long Score)[] scores) : IScorePlugin
    {
        public string Name => name;

        public long Score(Pod pod, NodeInfo node, IReadOnlyList<NodeInfo> feasibleNodes) => scores.Single(s => s.Node == node.Name).Score;
    }
}
