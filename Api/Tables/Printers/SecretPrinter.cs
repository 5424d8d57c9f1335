using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>Secrets: NAME TYPE DATA AGE; never a value.</summary>
public sealed class SecretPrinter() : TablePrinter<Secret>(ResourceKind.Secret)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("Type", "The type of the Secret's data (Opaque, kubernetes.io/tls, ...)."),
        Tables.Columns.Integer("Data", "How many keys the Secret holds."),
        Tables.Columns.Age,
    ];

    protected override IReadOnlyList<object?> Cells(Secret secret, DateTimeOffset now) =>
        [secret.Metadata.Name, secret.Type ?? "Opaque", secret.Data?.Count ?? 0, Tables.Cells.Since(secret.Metadata.CreationTimestamp, now)];
}
