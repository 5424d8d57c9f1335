using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Plugins;
using static EventOrch.Tests.Unit.Scheduler.SchedulingObjects;

namespace EventOrch.Tests.Unit.Scheduler;

public sealed class TaintTolerationTests
{
    private static readonly Taint GpuNoSchedule = Taint("dedicated", "gpu", TaintEffects.NoSchedule);

    public static TheoryData<string, Taint[], Toleration[], string?> Cases => new()
    {
        { "no taints", [], [], null },
        { "an untolerated NoSchedule taint", [GpuNoSchedule], [], "node(s) had untolerated taint {dedicated: gpu}" },
        { "Equal with key, value and effect", [GpuNoSchedule], [Tol("dedicated", "Equal", "gpu", TaintEffects.NoSchedule)], null },
        { "no operator means Equal", [GpuNoSchedule], [Tol("dedicated", null, "gpu", null)], null },
        { "Equal with another value", [GpuNoSchedule], [Tol("dedicated", "Equal", "db", null)], "node(s) had untolerated taint {dedicated: gpu}" },
        { "Exists with the key", [GpuNoSchedule], [Tol("dedicated", "Exists", null, null)], null },
        { "Exists without a key tolerates everything", [GpuNoSchedule, Taint("x", "y", TaintEffects.NoExecute)], [Tol(null, "Exists", null, null)], null },
        { "an empty effect matches every effect", [Taint("dedicated", "gpu", TaintEffects.NoExecute)], [Tol("dedicated", "Equal", "gpu", null)], null },
        {
            "a NoSchedule toleration does not tolerate NoExecute",
            [Taint("dedicated", "gpu", TaintEffects.NoExecute)], [Tol("dedicated", "Equal", "gpu", TaintEffects.NoSchedule)],
            "node(s) had untolerated taint {dedicated: gpu}"
        },
        { "PreferNoSchedule taints do not filter", [Taint("spot", "true", TaintEffects.PreferNoSchedule)], [], null },
        { "an unknown operator tolerates nothing", [GpuNoSchedule], [Tol("dedicated", "Gt", "gpu", null)], "node(s) had untolerated taint {dedicated: gpu}" },
        {
            "the first untolerated taint is named",
            [GpuNoSchedule, Taint("maintenance", null, TaintEffects.NoExecute)], [Tol("dedicated", "Exists", null, null)],
            "node(s) had untolerated taint {maintenance: }"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void NoSchedule_and_NoExecute_taints_must_be_tolerated(string description, Taint[] taints, Toleration[] tolerations, string? reason)
    {
        var result = new TaintToleration().Filter(Pod().WithTolerations(tolerations), Node().WithTaints(taints).Info());

        Assert.True((reason is null) == result.Fits, description);
        Assert.Equal(reason, result.Reason);
    }

    internal static Toleration Tol(string? key, string? op, string? value, string? effect) =>
        new() { Key = key, Operator = op, Value = value, Effect = effect };
}
