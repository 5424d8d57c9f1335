using System.Globalization;
using EventOrch.Cli.Terminal;
using EventOrch.Contracts.Model;

namespace EventOrch.Cli.Output;

/// <summary>A replay's report as eoctl prints it: what was read and how fast, a table of the rebuilt tables, then the
/// verdict and every listed difference, one line each, naming the object and what differs.</summary>
public static class ReplayReport
{
    public static IEnumerable<string> Lines(Replay replay, Palette colors)
    {
        var status = replay.Status ?? new ReplayStatus();
        yield return $"Replayed {Number(status.EventsRead)} events (through sequence {status.ThroughSequence}) in {Seconds(status.RebuildSeconds)}: "
            + $"{Number((long)status.EventsPerSecond)} events/s";
        yield return $"Rebuilt into schema {status.Schema} ({(status.SchemaKept ? "kept" : "dropped")}); {Seconds(status.DurationSeconds)} in all";
        yield return "";

        var verified = status.Equal is not null;
        var rows = new List<IReadOnlyList<string>> { verified ? ["TABLE", "KIND", "REBUILT", "LIVE", "DIFFERENCES"] : ["TABLE", "KIND", "REBUILT"] };
        foreach (var p in status.Projections)
        {
            rows.Add(verified
                ? [p.Table, p.Kind, Number(p.Rebuilt), Number(p.Live ?? 0), p.Differences is > 0 ? colors.Bad(Number(p.Differences.Value)) : "0"]
                : [p.Table, p.Kind, Number(p.Rebuilt)]);
        }
        foreach (var line in TextTable.Format(rows)) yield return line;
        yield return "";

        if (!verified)
        {
            yield return "Not verified (use --verify to compare with the live state).";
            yield break;
        }
        if (status.Equal == true)
        {
            yield return colors.Good($"Verified in {Seconds(status.VerifySeconds ?? 0)}: the rebuilt state equals the live state, object by object.");
            yield break;
        }
        var listed = status.DifferencesTruncated ? $", the first {status.Differences.Count} listed" : "";
        yield return colors.Bad($"{Number(status.DifferenceCount)} differences{listed} (verified in {Seconds(status.VerifySeconds ?? 0)}):");
        var differences = status.Differences.Select(d => (IReadOnlyList<string>)[d.Type, Subject(d), Detail(d)]).ToList();
        foreach (var line in TextTable.Format(differences)) yield return "  " + line;
    }

    /// <summary><c>Pod ns/name</c>, <c>Node name</c>, <c>NodePortClaim 30080</c>; the row's id when it names nothing.</summary>
    public static string Subject(ReplayDifference d)
    {
        var name = d.Name is null ? $"[{d.Table} {d.Id}]" : d.Namespace is null ? d.Name : $"{d.Namespace}/{d.Name}";
        return $"{d.Kind} {name}";
    }

    private static string Detail(ReplayDifference d)
    {
        var uid = d.Uid is null ? "" : $"uid {d.Uid}";
        var what = d.Type switch
        {
            ReplayDifferenceTypes.MissingFromLive => "the record makes it; the live table does not have it",
            ReplayDifferenceTypes.MissingFromReplay => "the live table has it; the record does not make it",
            _ => string.Join(", ", d.Paths ?? []),
        };
        return uid.Length == 0 ? what : $"{uid}: {what}";
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
