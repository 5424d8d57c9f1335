using EventOrch.Cli.Terminal;

namespace EventOrch.Cli.Output;

/// <summary>How a table is printed: -o wide's extra columns, a NAMESPACE column for -A, a "kind.group/" before names
/// when several kinds are printed, and no header line for --no-headers.</summary>
public sealed record TableLayout(bool Wide = false, bool WithNamespace = false, string? KindPrefix = null, bool NoHeaders = false);

/// <summary>Prints <see cref="ObjectTable"/>s as kubectl get does.</summary>
public sealed class TablePrinter(Palette palette, TableLayout layout)
{
    private const string StatusColumn = "Status";

    public IReadOnlyList<string> Headers(ObjectTable table)
    {
        var headers = Visible(table).Select(i => table.Columns[i].Name.ToUpperInvariant()).ToList();
        if (layout.WithNamespace) headers.Insert(0, "NAMESPACE");
        return headers;
    }

    public IReadOnlyList<string> Cells(ObjectTable table, TableRow row)
    {
        var cells = new List<string>();
        if (layout.WithNamespace) cells.Add(row.Namespace ?? "");
        foreach (var i in Visible(table))
        {
            var text = i < row.Cells.Count ? ObjectTable.CellText(row.Cells[i]) : "";
            var column = table.Columns[i];
            if (column.Format == "name" && layout.KindPrefix is not null) text = $"{layout.KindPrefix}/{text}";
            if (column.Name == StatusColumn) text = palette.Status(text);
            cells.Add(text);
        }
        return cells;
    }

    /// <summary>The header (unless --no-headers) and a line per row, aligned.</summary>
    public IReadOnlyList<string> Render(ObjectTable table, out IReadOnlyList<int> widths)
    {
        var lines = new List<IReadOnlyList<string>>();
        if (!layout.NoHeaders) lines.Add(Headers(table));
        lines.AddRange(table.Rows.Select(r => Cells(table, r)));
        widths = TextTable.Widths(lines);
        var fixedWidths = widths;
        return lines.Select(l => TextTable.Line(l, fixedWidths)).ToList();
    }

    // Priority 0 columns, and the others with -o wide.
    private IEnumerable<int> Visible(ObjectTable table) =>
        Enumerable.Range(0, table.Columns.Count).Where(i => layout.Wide || table.Columns[i].Priority == 0);
}
