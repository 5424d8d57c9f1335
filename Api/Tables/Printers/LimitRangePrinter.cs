using System.Globalization;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>LimitRanges, as kubectl prints them: NAME CREATED AT.</summary>
public sealed class LimitRangePrinter() : TablePrinter<LimitRange>(ResourceKind.LimitRange)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        new("Created At", "date", "", "When the LimitRange was created (metadata.creationTimestamp).", 0),
    ];

    protected override IReadOnlyList<object?> Cells(LimitRange range, DateTimeOffset now) =>
        [range.Metadata.Name, range.Metadata.CreationTimestamp?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)];
}
