using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Formatting;

/// <summary>A pod's READY, STATUS and RESTARTS as <c>kubectl get pods</c> shows them.</summary>
public readonly record struct PodSummary(int Ready, int Total, string Reason, int Restarts, DateTimeOffset? LastRestart);

/// <summary>The STATUS of a pod worked out from its containers as kubectl users know it (Init:0/1, ContainerCreating,
/// CrashLoopBackOff, Completed, Error, Terminating, ...), the way Kubernetes' pod printer does; the Api's table and
/// eoctl's --wait and describe all read it here, so they never disagree.</summary>
public static class PodStatusColumn
{
    /// <summary>Kubernetes' reason for a pod whose state cannot be confirmed because its node stopped answering
    /// (NodeUnreachablePodReason); a pod being deleted with it prints as Unknown. Nothing in EventOrch sets it (the node
    /// lifecycle controller taints the node and deletes its pods instead): it is honoured for a status written by a client.</summary>
    public const string NodeLostReason = "NodeLost";

    private const string SchedulingGated = "SchedulingGated";

    public static PodSummary Summarise(Pod pod)
    {
        var status = pod.Status ?? new PodStatus();
        var reason = !string.IsNullOrEmpty(status.Reason) ? status.Reason : status.Phase ?? "";
        if (status.Conditions?.Any(c => c.Type == PodConditions.PodScheduled && c.Reason == SchedulingGated) == true) reason = SchedulingGated;

        var restarts = 0;
        DateTimeOffset? lastRestart = null;
        var initializing = false;
        var initStatuses = status.InitContainerStatuses ?? [];
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var container = initStatuses[i];
            restarts += container.RestartCount;
            lastRestart = Later(lastRestart, container.LastState?.Terminated?.FinishedAt);
            var state = container.State;
            if (state?.Terminated is { ExitCode: 0 }) continue;
            initializing = true;
            if (state?.Terminated is { } terminated)
                reason = "Init:" + (string.IsNullOrEmpty(terminated.Reason) ? ExitDescription(terminated) : terminated.Reason);
            else if (state?.Waiting is { Reason: { Length: > 0 } waiting } && waiting != "PodInitializing")
                reason = "Init:" + waiting;
            else
                reason = $"Init:{i}/{pod.Spec.InitContainers?.Count ?? 0}";
            break;
        }

        var ready = 0;
        if (!initializing || IsInitialized(status))
        {
            // Restartable (sidecar) init containers would count here; this model has none, so the containers' own start over.
            restarts = 0;
            lastRestart = null;
            var hasRunning = false;
            var statuses = status.ContainerStatuses ?? [];
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var container = statuses[i];
                restarts += container.RestartCount;
                lastRestart = Later(lastRestart, container.LastState?.Terminated?.FinishedAt);
                var state = container.State;
                if (state?.Waiting is { Reason: { Length: > 0 } waiting }) reason = waiting;
                else if (state?.Terminated is { Reason: { Length: > 0 } terminatedReason }) reason = terminatedReason;
                else if (state?.Terminated is { } terminated) reason = ExitDescription(terminated);
                else if (container.Ready && state?.Running is not null)
                {
                    hasRunning = true;
                    ready++;
                }
            }
            if (reason == "Completed" && hasRunning)
                reason = status.Conditions?.Any(c => c.Type == PodConditions.Ready && c.Status == ConditionStatuses.True) == true ? "Running" : "NotReady";
        }

        if (pod.Metadata.DeletionTimestamp is not null)
        {
            if (status.Reason == NodeLostReason) reason = "Unknown";
            else if (status.Phase is not (PodPhases.Succeeded or PodPhases.Failed)) reason = "Terminating";
        }
        return new PodSummary(ready, pod.Spec.Containers.Count, reason, restarts, lastRestart);
    }

    private static bool IsInitialized(PodStatus status) =>
        status.Conditions?.Any(c => c.Type == PodConditions.Initialized && c.Status == ConditionStatuses.True) == true;

    private static string ExitDescription(ContainerStateTerminated terminated) =>
        terminated.Signal is { } signal and not 0 ? $"Signal:{signal}" : $"ExitCode:{terminated.ExitCode}";

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a > b ? a : b);
}
