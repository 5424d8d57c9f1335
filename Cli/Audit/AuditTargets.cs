using EventOrch.Cli.Commands;
using EventOrch.Cli.Resources;

namespace EventOrch.Cli.Audit;

/// <summary>The object a history or a why asks about, named KIND/NAME (or KIND NAME) and resolved through discovery
/// as <c>eoctl get</c> resolves it, with the path of its subresource.</summary>
public static class AuditTargets
{
    public static async Task<(TargetObject Target, string Path)> SubresourceAsync(Session session, IReadOnlyList<string> arguments, string subresource,
        IReadOnlyList<(string Name, string? Value)> query, CancellationToken cancellationToken)
    {
        var target = await TargetObjects.OneAsync(session, arguments, subresource, cancellationToken);
        var kinds = await session.KindsAsync(cancellationToken);
        if (kinds.FromDiscovery && !kinds.Serves(target.Resource, subresource))
            throw new CliException($"{target.Resource.PluralAndGroup()} have no {subresource}: the server serves no {target.Resource.Name}/{subresource} subresource");
        var parameters = query.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        var path = target.Resource.ItemPath(target.Namespace, target.Name) + "/" + subresource + (parameters.Count == 0 ? "" : "?" + string.Join("&", parameters));
        return (target, path);
    }

    /// <summary>A time as the audit commands print it: RFC 3339 in UTC, to the second.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A request or event id cut to its first eight characters, as a reader compares them.</summary>
    public static string Short(string? id) => id is null ? "-" : id.Length > 8 ? id[..8] + "..." : id;
}
