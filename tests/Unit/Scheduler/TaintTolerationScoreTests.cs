using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Plugins;
using static EventOrch.Tests.Unit.Scheduler.SchedulingObjects;
using static EventOrch.Tests.Unit.Scheduler.TaintTolerationTests;

namespace EventOrch.Tests.Unit.Scheduler;

public sealed class TaintTolerationScoreTests
{
    public static TheoryData<string, Taint[][], Toleration[], long[]> Cases => new()
    {
        { "no taints anywhere", [[], []], [], [100, 100] },
        { "fewer intolerable PreferNoSchedule taints score higher", [[], [Prefer("a")], [Prefer("a"), Prefer("b")]], [], [100, 50, 0] },
        { "tolerated taints do not count", [[Prefer("a")], [Prefer("b")]], [Tol("a", "Exists", null, TaintEffects.PreferNoSchedule)], [100, 0] },
        { "other effects do not count", [[Taint("a", "x", TaintEffects.NoSchedule)], []], [], [100, 100] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Nodes_with_fewer_untolerated_PreferNoSchedule_taints_score_higher(string description, Taint[][] taintsPerNode, Toleration[] tolerations, long[] expected)
    {
        var nodes = taintsPerNode.Select((taints, i) => Node($"node-{i}").WithTaints(taints).Info()).ToList();
        var pod = Pod().WithTolerations(tolerations);
        var plugin = new TaintTolerationScore();

        Assert.True(expected.SequenceEqual(nodes.Select(n => plugin.Score(pod, n, nodes))), description);
    }

    private static Taint Prefer(string key) => Taint(key, "true", TaintEffects.PreferNoSchedule);
}
