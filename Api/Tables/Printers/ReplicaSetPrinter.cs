using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>ReplicaSets: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
public sealed class ReplicaSetPrinter() : TablePrinter<ReplicaSet>(ResourceKind.ReplicaSet)
{
    public override IReadOnlyList<TableColumnDefinition> Columns => WorkloadColumns.Replicated;

    protected override IReadOnlyList<object?> Cells(ReplicaSet rs, DateTimeOffset now) =>
        WorkloadColumns.Cells(rs.Metadata, rs.Spec.Replicas, rs.Status, rs.Spec.Template, Tables.Cells.Selector(rs.Spec.Selector), now);
}
