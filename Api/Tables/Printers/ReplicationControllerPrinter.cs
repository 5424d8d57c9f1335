using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>ReplicationControllers: as ReplicaSets, with the equality selector.</summary>
public sealed class ReplicationControllerPrinter() : TablePrinter<ReplicationController>(ResourceKind.ReplicationController)
{
    public override IReadOnlyList<TableColumnDefinition> Columns => WorkloadColumns.Replicated;

    protected override IReadOnlyList<object?> Cells(ReplicationController rc, DateTimeOffset now) =>
        WorkloadColumns.Cells(rc.Metadata, rc.Spec.Replicas, rc.Status, rc.Spec.Template, Tables.Cells.Labels(rc.Spec.Selector), now);
}
