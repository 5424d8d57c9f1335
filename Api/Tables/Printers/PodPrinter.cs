using System.Globalization;
using EventOrch.Contracts.Formatting;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>Pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES. READY, STATUS and
/// RESTARTS come from <see cref="PodStatusColumn"/>, which eoctl reads too.</summary>
public sealed class PodPrinter() : TablePrinter<Pod>(ResourceKind.Pod)
{
    /// <summary>See <see cref="PodStatusColumn.NodeLostReason"/>.</summary>
    public const string NodeLostReason = PodStatusColumn.NodeLostReason;

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
        var summary = PodStatusColumn.Summarise(pod);
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
}
