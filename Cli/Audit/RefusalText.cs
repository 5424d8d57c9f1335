using EventOrch.Cli.Output;
using EventOrch.Contracts.Model.Audit;

namespace EventOrch.Cli.Audit;

/// <summary>Refused requests as <c>eoctl audit --refused</c> prints them: one aligned line each, the reason last.</summary>
public static class RefusalText
{
    public static IEnumerable<string> Lines(IReadOnlyList<Refusal> refusals)
    {
        List<IReadOnlyList<string>> lines = [["TIME", "CODE", "USER", "VERB", "RESOURCE", "REQUEST", "WHY"]];
        lines.AddRange(refusals.Select(r => (IReadOnlyList<string>)
        [
            AuditTargets.Time(r.Time), r.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), r.User, r.Verb, Resource(r),
            // A message of several lines (an escalation's missing rules) stays on its row.
            AuditTargets.Short(r.RequestId), r.Message.Length > 0 ? r.Message.ReplaceLineEndings(" ") : r.Reason,
        ]));
        return TextTable.Format(lines);
    }

    // pods/log in team-b named web -> pods/log team-b/web; without the authorizer's terms, the path.
    private static string Resource(Refusal r)
    {
        if (r.Resource is null) return r.Path;
        var resource = r.Subresource is null ? r.Resource : $"{r.Resource}/{r.Subresource}";
        if (r.ApiGroup is { Length: > 0 } group) resource += "." + group;
        var target = (r.Namespace, r.Name) switch
        {
            (null, null) => "",
            (null, var name) => " " + name,
            (var ns, null) => $" -n {ns}",
            var (ns, name) => $" {ns}/{name}",
        };
        return resource + target;
    }
}
