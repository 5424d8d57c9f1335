using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>Namespaces: NAME STATUS AGE.</summary>
public sealed class NamespacePrinter() : TablePrinter<Namespace>(ResourceKind.Namespace)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("Status", "The namespace's phase: Active, or Terminating while its contents are deleted."),
        Tables.Columns.Age,
    ];

    protected override IReadOnlyList<object?> Cells(Namespace ns, DateTimeOffset now) =>
        [ns.Metadata.Name, ns.Status?.Phase ?? "", Tables.Cells.Since(ns.Metadata.CreationTimestamp, now)];
}
