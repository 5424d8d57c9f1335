using EventOrch.Cli.Output;
using EventOrch.Contracts.Model.Audit;

namespace EventOrch.Cli.Audit;

/// <summary>Audit events as <c>eoctl audit</c> prints them: one aligned line each.</summary>
public static class AuditText
{
    public static IEnumerable<string> Lines(IReadOnlyList<AuditEvent> events)
    {
        List<IReadOnlyList<string>> lines = [["RV", "TIME", "USER", "EVENT", "OBJECT", "REQUEST"]];
        lines.AddRange(events.Select(e => (IReadOnlyList<string>)
        [
            e.ResourceVersion, AuditTargets.Time(e.Time), e.User ?? "-", e.Type,
            $"{e.Object.Kind?.ToLowerInvariant()}/{(e.Object.Namespace is { Length: > 0 } ns ? ns + "/" : "")}{e.Object.Name}",
            AuditTargets.Short(e.CorrelationId),
        ]));
        return TextTable.Format(lines);
    }
}
