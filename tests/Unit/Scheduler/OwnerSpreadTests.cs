using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;
using EventOrch.Scheduler.Plugins;
using static EventOrch.Tests.Unit.Scheduler.SchedulingObjects;

namespace EventOrch.Tests.Unit.Scheduler;

public sealed class OwnerSpreadTests
{
    // Each node runs the given number of pods of the same controller (and one pod of another controller).
    [Theory]
    [InlineData("0,0,0", "100,100,100")]
    [InlineData("2,1,0", "0,50,100")]
    [InlineData("3,1,3", "0,66,0")]
    [InlineData("1,1", "0,0")]
    public void Nodes_with_fewer_pods_of_the_same_controller_score_higher(string siblingsPerNode, string expectedScores)
    {
        var nodes = siblingsPerNode.Split(',').Select((count, i) => Node($"node-{i}").Info(
            [.. Enumerable.Range(0, int.Parse(count)).Select(j => Pod($"sibling-{i}-{j}").OwnedBy("rs-1")), Pod($"other-{i}").OwnedBy("rs-2")]))
            .ToList();
        var pod = Pod("new").OwnedBy("rs-1");
        var plugin = new OwnerSpread();

        Assert.Equal(expectedScores, string.Join(",", nodes.Select(n => plugin.Score(pod, n, nodes))));
    }

    public static TheoryData<string, Pod> NotSiblings => new()
    {
        { "terminating", Pod("old").OwnedBy("rs-1") with { Metadata = Pod("old").OwnedBy("rs-1").Metadata with { DeletionTimestamp = DateTimeOffset.UnixEpoch } } },
        { "in another namespace", Pod("other").OwnedBy("rs-1") with { Metadata = Pod("other").OwnedBy("rs-1").Metadata with { Namespace = "prod" } } },
        {
            "owned but not by a controller",
            Pod("ref") with { Metadata = Pod("ref").Metadata with { OwnerReferences = [new OwnerReference { Uid = "rs-1", Controller = false }] } }
        },
    };

    [Theory]
    [MemberData(nameof(NotSiblings))]
    public void Only_live_pods_of_the_same_controller_in_the_namespace_count(string description, Pod other)
    {
        List<NodeInfo> nodes = [Node("node-0").Info(other), Node("node-1").Info()];
        var plugin = new OwnerSpread();

        Assert.True(nodes.All(n => plugin.Score(Pod("new").OwnedBy("rs-1"), n, nodes) == 100), description);
    }

    [Fact]
    public void A_pod_without_a_controller_scores_every_node_the_same()
    {
        List<NodeInfo> nodes = [Node("node-0").Info(Pod("a").OwnedBy("rs-1")), Node("node-1").Info()];

        Assert.All(nodes, n => Assert.Equal(100, new OwnerSpread().Score(Pod("new"), n, nodes)));
    }

    [Fact]
    public void The_maximum_is_taken_over_the_feasible_nodes_of_each_call()
    {
        var crowded = Node("node-0").Info(Pod("a").OwnedBy("rs-1"), Pod("b").OwnedBy("rs-1"));
        var half = Node("node-1").Info(Pod("c").OwnedBy("rs-1"));
        var pod = Pod("new").OwnedBy("rs-1");
        var plugin = new OwnerSpread();

        Assert.Equal(50, plugin.Score(pod, half, [crowded, half]));
        Assert.Equal(0, plugin.Score(pod, half, [half]));
    }
}
