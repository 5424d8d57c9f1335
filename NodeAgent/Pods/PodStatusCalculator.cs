using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.Runtime;
using RuntimeState = EventOrch.NodeAgent.Runtime.ContainerState;

namespace EventOrch.NodeAgent.Pods;

/// <summary>What the agent observed of one spec container: its newest and previous instance, why it waits
/// (an image that cannot be pulled, a crash-loop back-off), its readiness, and where its ports are published.</summary>
public sealed record ContainerView(
    string Name,
    string Image,
    RuntimeContainer? Latest,
    RuntimeContainer? Previous,
    int RestartCount,
    (string Reason, string? Message)? Waiting,
    bool Ready,
    IReadOnlyList<PublishedPort> Ports);

/// <summary>A pod's status computed from what its containers are doing, by Kubernetes' rules for phase,
/// conditions and container states. Pure: it reads nothing and writes nothing.</summary>
public static class PodStatusCalculator
{
    public static PodStatus Compute(Pod pod, IReadOnlyList<ContainerView> containers, string nodeAddress, DateTimeOffset now)
    {
        var statuses = containers.Select(ToStatus).ToList();
        var allReady = statuses.Count > 0 && statuses.All(s => s.Ready);
        var old = pod.Status ?? new PodStatus();
        var status = old with
        {
            Phase = Phase(pod, containers),
            HostIP = nodeAddress,
            PodIP = nodeAddress,
            StartTime = old.StartTime ?? now,
            ContainerStatuses = statuses,
            QosClass = old.QosClass,
            Reason = null,
            Message = null,
        };
        status = status
            .WithCondition(Condition(PodConditions.Initialized, true, now))
            .WithCondition(Condition(PodConditions.ContainersReady, allReady, now))
            .WithCondition(Condition(PodConditions.Ready, allReady, now));
        // Conditions in Kubernetes' order.
        string[] order = [PodConditions.Initialized, PodConditions.Ready, PodConditions.ContainersReady, PodConditions.PodScheduled];
        return status with { Conditions = status.Conditions!.OrderBy(c => Array.IndexOf(order, c.Type) is var i && i < 0 ? order.Length : i).ToList() };
    }

    /// <summary>Pending until every container has started once; Succeeded or Failed once all have ended for good;
    /// Running otherwise (including while a container restarts).</summary>
    public static string Phase(Pod pod, IReadOnlyList<ContainerView> containers)
    {
        var policy = pod.Spec.RestartPolicy ?? "Always";
        var neverStarted = containers.Any(c => c.Latest is null || (c.Latest.State.State == ContainerRunState.Created && c.RestartCount == 0));
        if (neverStarted) return PodPhases.Pending;
        if (containers.Any(c => c.Latest!.State.State is ContainerRunState.Running or ContainerRunState.Created)) return PodPhases.Running;
        // Every container has exited.
        var failed = containers.Any(c => c.Latest!.State.ExitCode is not 0);
        return policy switch
        {
            "Always" => PodPhases.Running,
            "OnFailure" => failed ? PodPhases.Running : PodPhases.Succeeded,
            _ => failed ? PodPhases.Failed : PodPhases.Succeeded,
        };
    }

    private static ContainerStatus ToStatus(ContainerView view)
    {
        var latest = view.Latest;
        var running = latest?.State.State == ContainerRunState.Running;
        return new ContainerStatus
        {
            Name = view.Name,
            Image = view.Image,
            ImageID = latest?.State.ImageId,
            ContainerID = latest is null ? null : $"docker://{latest.Id}",
            RestartCount = view.RestartCount,
            Started = running,
            Ready = running && view.Ready,
            State = view.Waiting is { } waiting
                ? new Contracts.Model.ContainerState { Waiting = new ContainerStateWaiting { Reason = waiting.Reason, Message = waiting.Message } }
                : State(latest),
            LastState = view.Previous is { } previous ? State(previous) : new Contracts.Model.ContainerState(),
            Ports = view.Ports.Count == 0 ? null : view.Ports.ToList(),
        };
    }

    private static Contracts.Model.ContainerState State(RuntimeContainer? container) => container?.State switch
    {
        null => new() { Waiting = new ContainerStateWaiting { Reason = "ContainerCreating" } },
        { State: ContainerRunState.Running } s => new() { Running = new ContainerStateRunning { StartedAt = s.StartedAt } },
        { State: ContainerRunState.Exited } s => new()
        {
            Terminated = new ContainerStateTerminated
            {
                ExitCode = s.ExitCode ?? 0,
                Reason = TerminatedReason(s),
                Message = string.IsNullOrEmpty(s.Error) ? null : s.Error,
                StartedAt = s.StartedAt,
                FinishedAt = s.FinishedAt,
                ContainerID = $"docker://{container.Id}",
            },
        },
        _ => new() { Waiting = new ContainerStateWaiting { Reason = "ContainerCreating" } },
    };

    private static string TerminatedReason(RuntimeState state) =>
        state.OomKilled ? "OOMKilled" : state.ExitCode == 0 ? "Completed" : "Error";

    private static PodCondition Condition(string type, bool status, DateTimeOffset now) => new()
    {
        Type = type,
        Status = status ? ConditionStatuses.True : ConditionStatuses.False,
        LastTransitionTime = now,
    };
}
