using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>StatefulSets as kubectl shows them: NAME READY AGE, wide CONTAINERS IMAGES.</summary>
public sealed class StatefulSetPrinter() : TablePrinter<StatefulSet>(ResourceKind.StatefulSet)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("Ready", "Ready pods of the replicas wanted."),
        Tables.Columns.Age,
        WorkloadColumns.Wide[0],
        WorkloadColumns.Wide[1],
    ];

    protected override IReadOnlyList<object?> Cells(StatefulSet sts, DateTimeOffset now)
    {
        var (names, images) = Tables.Cells.Containers(sts.Spec.Template?.Spec.Containers);
        return
        [
            sts.Metadata.Name,
            $"{sts.Status?.ReadyReplicas ?? 0}/{sts.Spec.Replicas ?? 0}",
            Tables.Cells.Since(sts.Metadata.CreationTimestamp, now),
            names,
            images,
        ];
    }
}
