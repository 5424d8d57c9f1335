using System.Text;

namespace EventOrch.Cli.Describe;

/// <summary>Builds describe's text as kubectl describe's tab writer lays it out: "Key:  value" lines at two spaces per
/// level, the values of each run of such lines aligned two spaces after the longest key of the run (a heading or a
/// plain line ends a run), and small tables (conditions, events) with dashed underlines.</summary>
public sealed class DescribeWriter
{
    private readonly StringBuilder _text = new();
    private readonly List<(string Cell, string? Value)> _block = [];

    /// <summary>"Key:  value" (a null value: "Key:" alone, a heading for what follows one level down).</summary>
    public void Line(int level, string key, string? value = null) =>
        _block.Add((new string(' ', level * 2) + (key.Length == 0 ? "" : key + ":"), value));

    /// <summary>A line of its own (an item of a list of strings).</summary>
    public void Text(int level, string text) => _block.Add((new string(' ', level * 2) + text, null));

    /// <summary>Several values under one key, the first beside it: labels, annotations, a list of strings.</summary>
    public void Lines(int level, string key, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            Line(level, key, "<none>");
            return;
        }
        Line(level, key, values[0]);
        foreach (var value in values.Skip(1)) Line(level, "", value);
    }

    public void Table(int level, string title, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Flush();
        var indent = new string(' ', level * 2);
        if (rows.Count == 0)
        {
            _text.Append(indent).Append(title).Append(":  <none>\n");
            return;
        }
        _text.Append(indent).Append(title).Append(":\n");
        var lines = new List<IReadOnlyList<string>> { headers, headers.Select(h => new string('-', h.Length)).ToList() };
        lines.AddRange(rows);
        foreach (var line in Output.TextTable.Format(lines)) _text.Append(indent).Append("  ").Append(line).Append('\n');
    }

    public override string ToString()
    {
        Flush();
        return _text.ToString();
    }

    private void Flush()
    {
        var start = 0;
        while (start < _block.Count)
        {
            if (_block[start].Value is null)
            {
                _text.Append(_block[start].Cell).Append('\n');
                start++;
                continue;
            }
            var end = start;
            while (end < _block.Count && _block[end].Value is not null) end++;
            var width = _block.Skip(start).Take(end - start).Max(l => l.Cell.Length) + 2;
            for (var i = start; i < end; i++) _text.Append(_block[i].Cell.PadRight(width)).Append(_block[i].Value).Append('\n');
            start = end;
        }
        _block.Clear();
    }
}
