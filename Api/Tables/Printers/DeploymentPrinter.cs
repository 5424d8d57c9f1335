using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>Deployments: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
public sealed class DeploymentPrinter() : TablePrinter<Deployment>(ResourceKind.Deployment)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("Ready", "Ready pods of the replicas wanted."),
        Tables.Columns.Integer("Up-to-date", "Pods made from the current template (status.updatedReplicas)."),
        Tables.Columns.Integer("Available", "Pods ready for at least minReadySeconds (status.availableReplicas)."),
        Tables.Columns.Age,
        .. WorkloadColumns.Wide,
    ];

    protected override IReadOnlyList<object?> Cells(Deployment d, DateTimeOffset now)
    {
        var status = d.Status ?? new DeploymentStatus();
        var (names, images) = Tables.Cells.Containers(d.Spec.Template?.Spec.Containers);
        return
        [
            d.Metadata.Name,
            $"{status.ReadyReplicas ?? 0}/{d.Spec.Replicas ?? 0}",
            status.UpdatedReplicas ?? 0,
            status.AvailableReplicas ?? 0,
            Tables.Cells.Since(d.Metadata.CreationTimestamp, now),
            names,
            images,
            Tables.Cells.Selector(d.Spec.Selector),
        ];
    }
}
