using EventOrch.Cli.Terminal;

namespace EventOrch.Cli.Output;

/// <summary>Columns aligned as kubectl's tab writer aligns them: each cell but the last padded to the column's widest
/// cell plus three spaces (at least six wide); widths count visible characters, so coloured cells line up.</summary>
public static class TextTable
{
    public const int Padding = 3;
    public const int MinWidth = 6;

    public static IReadOnlyList<int> Widths(IEnumerable<IReadOnlyList<string>> lines)
    {
        var widths = new List<int>();
        foreach (var line in lines)
        {
            for (var i = 0; i < line.Count; i++)
            {
                var width = Math.Max(Palette.VisibleLength(line[i]) + Padding, MinWidth);
                if (i == widths.Count) widths.Add(width);
                else widths[i] = Math.Max(widths[i], width);
            }
        }
        return widths;
    }

    /// <summary>One line, padded to <paramref name="widths"/> (a cell wider than its column pushes the rest right).</summary>
    public static string Line(IReadOnlyList<string> cells, IReadOnlyList<int> widths)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            text.Append(cells[i]);
            if (i == cells.Count - 1) break;
            var width = i < widths.Count ? widths[i] : MinWidth;
            text.Append(' ', Math.Max(width - Palette.VisibleLength(cells[i]), Padding));
        }
        return text.ToString().TrimEnd();
    }

    public static IEnumerable<string> Format(IReadOnlyList<IReadOnlyList<string>> lines)
    {
        var widths = Widths(lines);
        return lines.Select(line => Line(line, widths));
    }
}
