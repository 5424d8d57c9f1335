using System.Text;
using EventOrch.Cli.Output;
using EventOrch.Contracts.Diffing;
using EventOrch.Contracts.Model.Audit;

namespace EventOrch.Cli.Audit;

/// <summary>An <see cref="ObjectHistory"/> as <c>eoctl history</c> prints it: which object, the others that held its
/// name, then one line per event (resourceVersion, time, type, who, request and cause) with the fields it changed
/// under it.</summary>
public static class HistoryText
{
    private const int ValueWidth = 80;

    public static string Render(ObjectHistory history, bool full)
    {
        var text = new StringBuilder();
        var o = history.Object;
        var name = o.Namespace is { Length: > 0 } ns ? $"{ns}/{o.Name}" : o.Name;
        var chosen = history.Streams.FirstOrDefault(s => s.Uid == o.Uid);
        text.Append($"{o.Kind} {name} (uid {o.Uid})");
        text.Append(chosen?.DeletedAt is { } gone ? $", deleted {AuditTargets.Time(gone)}" : history.Deleted ? ", deleted" : ", live");
        text.Append('\n');
        var others = history.Streams.Where(s => s.Uid != o.Uid).ToList();
        if (others.Count > 0)
        {
            text.Append($"Other objects that held this name (choose one with --uid):\n");
            foreach (var s in others)
            {
                var end = s.DeletedAt is { } d ? $"deleted {AuditTargets.Time(d)}" : "live";
                text.Append($"  uid {s.Uid}: created {AuditTargets.Time(s.CreatedAt)}, {end}, {s.Events} events\n");
            }
        }
        text.Append('\n');

        List<IReadOnlyList<string>> lines = [["RV", "TIME", "EVENT", "BY", "REQUEST", "CAUSE"]];
        lines.AddRange(history.Events.Select(e => (IReadOnlyList<string>)
            [e.ResourceVersion, AuditTargets.Time(e.Time), e.Type, e.User ?? "-", AuditTargets.Short(e.CorrelationId), AuditTargets.Short(e.CausationId)]));
        var widths = TextTable.Widths(lines);
        text.Append(TextTable.Line(lines[0], widths)).Append('\n');
        for (var i = 0; i < history.Events.Count; i++)
        {
            var e = history.Events[i];
            text.Append(TextTable.Line(lines[i + 1], widths)).Append('\n');
            if (!string.IsNullOrEmpty(e.Reason)) text.Append($"    because: {e.Reason}\n");
            if (e.StreamVersion == 1 && !full)
            {
                text.Append($"    created with {e.Changes.Count} fields set (--full lists them)\n");
                continue;
            }
            text.Append(ObjectDiffText.Render(e.Changes, ValueWidth, indent: "    "));
        }
        return text.ToString();
    }
}
