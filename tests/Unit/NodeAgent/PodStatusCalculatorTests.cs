using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.Pods;
using EventOrch.NodeAgent.Runtime;
using RuntimeState = EventOrch.NodeAgent.Runtime.ContainerState;

namespace EventOrch.Tests.Unit.NodeAgent;

public sealed class PodStatusCalculatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch.AddHours(1);

    private static Pod Pod(string restartPolicy) => new()
    {
        Metadata = new ObjectMeta { Name = "p", Namespace = "default", Uid = "11111111-2222" },
        Spec = new PodSpec { RestartPolicy = restartPolicy, Containers = [new Container { Name = "c", Image = "i" }] },
    };

    private static ContainerView View(ContainerRunState? state, int? exitCode = null, int restarts = 0, (string, string?)? waiting = null)
    {
        RuntimeContainer? latest = state is null ? null : new RuntimeContainer("id", "c", new Dictionary<string, string>(),
            new RuntimeState(state.Value, exitCode, Now, state == ContainerRunState.Exited ? Now : null, null, false, "sha256:x"));
        return new ContainerView("c", "i", latest, null, restarts, waiting, Ready: true, []);
    }

    [Theory]
    [InlineData("Always", null, null, 0, PodPhases.Pending)]
    [InlineData("Always", ContainerRunState.Created, null, 0, PodPhases.Pending)]
    [InlineData("Always", ContainerRunState.Running, null, 0, PodPhases.Running)]
    [InlineData("Always", ContainerRunState.Exited, 1, 3, PodPhases.Running)]
    [InlineData("Always", ContainerRunState.Exited, 0, 0, PodPhases.Running)]
    [InlineData("OnFailure", ContainerRunState.Exited, 0, 0, PodPhases.Succeeded)]
    [InlineData("OnFailure", ContainerRunState.Exited, 2, 1, PodPhases.Running)]
    [InlineData("Never", ContainerRunState.Exited, 0, 0, PodPhases.Succeeded)]
    [InlineData("Never", ContainerRunState.Exited, 3, 0, PodPhases.Failed)]
    public void The_phase_follows_kubernetes_rules(string policy, ContainerRunState? state, int? exitCode, int restarts, string phase) =>
        Assert.Equal(phase, PodStatusCalculator.Phase(Pod(policy), [View(state, exitCode, restarts)]));

    [Fact]
    public void A_running_container_makes_the_pod_ready_with_the_node_address()
    {
        var status = PodStatusCalculator.Compute(Pod("Always"), [View(ContainerRunState.Running)], "127.0.0.1", Now);

        Assert.Equal("127.0.0.1", status.PodIP);
        Assert.Equal(ConditionStatuses.True, status.Condition(PodConditions.Ready)!.Status);
        Assert.Equal("docker://id", status.ContainerStatuses![0].ContainerID);
        Assert.NotNull(status.ContainerStatuses[0].State!.Running);
    }

    [Fact]
    public void A_waiting_reason_is_the_container_state_and_the_pod_is_not_ready()
    {
        var status = PodStatusCalculator.Compute(Pod("Always"), [View(ContainerRunState.Exited, 1, 2, ("CrashLoopBackOff", "back-off 20s"))], "127.0.0.1", Now);

        Assert.Equal("CrashLoopBackOff", status.ContainerStatuses![0].State!.Waiting!.Reason);
        Assert.Equal(2, status.ContainerStatuses[0].RestartCount);
        Assert.Equal(ConditionStatuses.False, status.Condition(PodConditions.ContainersReady)!.Status);
    }
}
