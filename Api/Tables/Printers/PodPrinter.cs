using System.Globalization;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>Pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES. STATUS is worked out
/// from the containers as kubectl users know it (Init:0/1, ContainerCreating, CrashLoopBackOff, Completed, Error,
/// Terminating, ...), the way Kubernetes' pod printer does.</summary>
public sealed class PodPrinter() : TablePrinter<Pod>(ResourceKind.Pod)
{
    /// <summary>Kubernetes' reason for a pod whose state cannot be confirmed because its node stopped answering
    /// (NodeUnreachablePodReason); a pod being deleted with it prints as Unknown. Nothing in EventOrch sets it (the node
    /// lifecycle controller taints the node and deletes its pods instead): it is honoured for a status written by a client.</summary>
    public const string NodeLostReason = "NodeLost";

    private const string SchedulingGated = "SchedulingGated";

    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("Ready", "How many of the pod's containers are ready, of how many."),
        Tables.Columns.Text("Status", "The pod's state as its containers show it."),
        Tables.Columns.Text("Restarts", "How many times the pod's containers restarted, and when the last one did."),
        Tables.Columns.Age,
        Tables.Columns.Wide("IP", "The pod's address (status.podIP)."),
        Tables.Columns.Wide("Node", "The node the pod is bound to (spec.nodeName)."),
        Tables.Columns.Wide("Nominated Node", "The node the scheduler nominated for the pod while it makes room (status.nominatedNodeName)."),
        Tables.Columns.Wide("Readiness Gates", "How many of the pod's readiness gates are true, of how many."),
    ];

    protected override IReadOnlyList<object?> Cells(Pod pod, DateTimeOffset now)
    {
        var status = pod.Status ?? new PodStatus();
        var summary = Summarise(pod, status);
        var restarts = summary.Restarts.ToString(CultureInfo.InvariantCulture);
        if (summary.Restarts != 0 && summary.LastRestart is { } last) restarts += $" ({Tables.Cells.Since(last, now)} ago)";
        return
        [
            pod.Metadata.Name,
            $"{summary.Ready}/{summary.Total}",
            summary.Reason,
            restarts,
            Tables.Cells.Since(pod.Metadata.CreationTimestamp, now),
            Tables.Cells.OrNone(status.PodIP),
            Tables.Cells.OrNone(pod.Spec.NodeName),
            Tables.Cells.OrNone(status.NominatedNodeName),
            Tables.Cells.None,
        ];
    }

    protected override IReadOnlyList<TableRowCondition>? Conditions(Pod pod) => pod.Status?.Phase switch
    {
        PodPhases.Succeeded => [new TableRowCondition("Completed", ConditionStatuses.True, PodPhases.Succeeded, "The pod has completed successfully.")],
        PodPhases.Failed => [new TableRowCondition("Completed", ConditionStatuses.True, PodPhases.Failed, "The pod failed.")],
        _ => null,
    };

    private readonly record struct Summary(int Ready, int Total, string Reason, int Restarts, DateTimeOffset? LastRestart);

    private static Summary Summarise(Pod pod, PodStatus status)
    {
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
        return new Summary(ready, pod.Spec.Containers.Count, reason, restarts, lastRestart);
    }

    private static bool IsInitialized(PodStatus status) =>
        status.Conditions?.Any(c => c.Type == PodConditions.Initialized && c.Status == ConditionStatuses.True) == true;

    private static string ExitDescription(ContainerStateTerminated terminated) =>
        terminated.Signal is { } signal and not 0 ? $"Signal:{signal}" : $"ExitCode:{terminated.ExitCode}";

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a > b ? a : b);
}
