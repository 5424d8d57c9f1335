using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>ConfigMaps: NAME DATA AGE (DATA counts the keys of data and binaryData).</summary>
public sealed class ConfigMapPrinter() : TablePrinter<ConfigMap>(ResourceKind.ConfigMap)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Integer("Data", "How many keys the ConfigMap holds (data and binaryData)."),
        Tables.Columns.Age,
    ];

    protected override IReadOnlyList<object?> Cells(ConfigMap map, DateTimeOffset now) =>
        [map.Metadata.Name, (map.Data?.Count ?? 0) + (map.BinaryData?.Count ?? 0), Tables.Cells.Since(map.Metadata.CreationTimestamp, now)];
}
