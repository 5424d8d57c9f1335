using EventOrch.Contracts.Model;
using NodeAffinityScore = EventOrch.Scheduler.Plugins.NodeAffinityScore;
using static EventOrch.Tests.Unit.Scheduler.NodeAffinityTests;
using static EventOrch.Tests.Unit.Scheduler.SchedulingObjects;

namespace EventOrch.Tests.Unit.Scheduler;

public sealed class NodeAffinityScoreTests
{
    private static readonly PreferredSchedulingTerm ZoneA = new() { Weight = 2, Preference = Term(Requirement("zone", "In", "a")) };
    private static readonly PreferredSchedulingTerm Gpu = new() { Weight = 3, Preference = Term(Requirement("gpu", "Exists")) };

    public static TheoryData<string, PreferredSchedulingTerm[], long[]> Cases => new()
    {
        { "no preferences", [], [0, 0, 0] },
        { "matching weights are summed and normalised to the best node", [ZoneA, Gpu], [100, 40, 0] },
        { "only the best node gets 100", [Gpu], [100, 0, 0] },
        { "no node matches", [new() { Weight = 5, Preference = Term(Requirement("disk", "Exists")) }], [0, 0, 0] },
        { "an empty term matches nothing", [new() { Weight = 5, Preference = new NodeSelectorTerm() }], [0, 0, 0] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Nodes_matching_more_preferred_weight_score_higher(string description, PreferredSchedulingTerm[] preferred, long[] expected)
    {
        var nodes = new[]
        {
            Node("node-0").WithLabels(("zone", "a"), ("gpu", "true")),
            Node("node-1").WithLabels(("zone", "a")),
            Node("node-2").WithLabels(("zone", "b")),
        }.Select(n => n.Info()).ToList();
        var pod = Pod().WithSpec(s => s with
        {
            Affinity = new Affinity { NodeAffinity = new NodeAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [.. preferred] } },
        });
        var plugin = new NodeAffinityScore();

        Assert.True(expected.SequenceEqual(nodes.Select(n => plugin.Score(pod, n, nodes))), description);
    }
}
