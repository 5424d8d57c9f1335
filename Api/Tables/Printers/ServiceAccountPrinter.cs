using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>ServiceAccounts: NAME SECRETS AGE, as kubectl prints them.</summary>
public sealed class ServiceAccountPrinter() : TablePrinter<ServiceAccount>(ResourceKind.ServiceAccount)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Integer("Secrets", "How many secrets the ServiceAccount names."),
        Tables.Columns.Age,
    ];

    protected override IReadOnlyList<object?> Cells(ServiceAccount account, DateTimeOffset now) =>
        [account.Metadata.Name, account.Secrets?.Count ?? 0, Tables.Cells.Since(account.Metadata.CreationTimestamp, now)];
}
