using EventOrch.Contracts.Model;
using EventOrch.Controllers.Workloads;

namespace EventOrch.Tests.Unit.Controllers;

public class PodDeletionOrderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static Pod Pod(string name, string? node = "n1", string phase = PodPhases.Running, DateTimeOffset? readySince = null,
        int restarts = 0, int createdMinutes = 0) => new()
    {
        Metadata = new ObjectMeta { Name = name, CreationTimestamp = T0.AddMinutes(createdMinutes) },
        Spec = new PodSpec { NodeName = node },
        Status = new PodStatus
        {
            Phase = phase,
            Conditions = [new PodCondition { Type = PodConditions.Ready, Status = readySince is null ? "False" : "True", LastTransitionTime = readySince }],
            ContainerStatuses = [new ContainerStatus { Name = "c", RestartCount = restarts }],
        },
    };

    [Fact]
    public void The_least_valuable_pods_come_first()
    {
        var pods = new[]
        {
            Pod("old-ready", readySince: T0, createdMinutes: 0),
            Pod("new-ready", readySince: T0.AddMinutes(5), createdMinutes: 1),
            Pod("not-ready"),
            Pod("crashing", restarts: 4),
            Pod("pending", phase: PodPhases.Pending),
            Pod("unscheduled", node: null, phase: PodPhases.Pending),
        };

        var order = pods.OrderBy(p => p, PodDeletionOrder.Instance).Select(p => p.Metadata.Name);

        Assert.Equal(["unscheduled", "pending", "crashing", "not-ready", "new-ready", "old-ready"], order);
    }
}
