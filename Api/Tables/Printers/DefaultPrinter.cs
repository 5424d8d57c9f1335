using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>NAME and AGE: the columns of a kind without a printer of its own.</summary>
public sealed class DefaultPrinter(string group, string kind) : ITablePrinter
{
    public string Group => group;
    public string Kind => kind;

    public IReadOnlyList<TableColumnDefinition> Columns { get; } = [Tables.Columns.Name, Tables.Columns.Age];

    public IReadOnlyList<object?> Cells(IKubeObject obj, DateTimeOffset now) =>
        [obj.Metadata.Name, Tables.Cells.Since(obj.Metadata.CreationTimestamp, now)];
}
