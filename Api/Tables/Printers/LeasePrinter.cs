using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>Leases: NAME HOLDER AGE.</summary>
public sealed class LeasePrinter() : TablePrinter<Lease>(ResourceKind.Lease)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("Holder", "Who holds the lease (spec.holderIdentity)."),
        Tables.Columns.Age,
    ];

    protected override IReadOnlyList<object?> Cells(Lease lease, DateTimeOffset now) =>
        [lease.Metadata.Name, lease.Spec.HolderIdentity ?? "", Tables.Cells.Since(lease.Metadata.CreationTimestamp, now)];
}
