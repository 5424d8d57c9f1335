using System.CommandLine;
using System.Text.Json.Nodes;
using EventOrch.Cli.Commands;
using EventOrch.Cli.Output;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Terminal;

namespace EventOrch.Cli.Audit;

/// <summary>The object a history or a why asks about, named KIND/NAME (or KIND NAME) and resolved through discovery
/// as <c>eoctl get</c> resolves it, and the read of its subresource.</summary>
public static class AuditTargets
{
    /// <summary>The object argument: KIND/NAME, or KIND NAME.</summary>
    public static Argument<string[]> Object() => new("object") { Description = "KIND/NAME, or KIND NAME", Arity = new ArgumentArity(1, 2) };

    /// <summary>--uid: which of the objects that held the name.</summary>
    public static Option<string?> Uid() => new("--uid") { Description = "Which of the objects that held the name (default: the live one, else the newest)" };

    /// <summary>GETs <paramref name="subresource"/> of the object <paramref name="arguments"/> name, with the query
    /// parameters that have a value. When <paramref name="output"/> is json or yaml, prints the answer as the server sent
    /// it and returns null.</summary>
    public static async Task<JsonNode?> GetAsync(CliConsole console, Session session, IReadOnlyList<string> arguments, string subresource,
        IReadOnlyList<(string Name, string? Value)> query, string? output, CancellationToken cancellationToken)
    {
        var format = OutputOptions.JsonOrYaml(output);
        var target = await TargetObjects.OneAsync(session, arguments, subresource, cancellationToken);
        var kinds = await session.KindsAsync(cancellationToken);
        if (kinds.FromDiscovery && !kinds.Serves(target.Resource, subresource))
            throw new CliException($"{target.Resource.PluralAndGroup()} have no {subresource}: the server serves no {target.Resource.Name}/{subresource} subresource");
        var parameters = query.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        var path = target.Resource.ItemPath(target.Namespace, target.Name) + "/" + subresource + (parameters.Count == 0 ? "" : "?" + string.Join("&", parameters));
        var answer = await session.Api.SendJsonAsync(HttpMethod.Get, path, cancellationToken: cancellationToken);
        if (format is not { } chosen) return answer;
        await console.Out.WriteAsync(ObjectPrinter.Format(answer, chosen));
        return null;
    }

    /// <summary>A time as the audit commands print it: RFC 3339 in UTC, to the second.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A request or event id cut to its first eight characters, as a reader compares them.</summary>
    public static string Short(string? id) => id is null ? "-" : id.Length > 8 ? id[..8] + "..." : id;
}
