using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EventOrch.Cli.Audit;
using EventOrch.Cli.Output;
using EventOrch.Cli.Terminal;
using EventOrch.Contracts.Model.Audit;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl audit [--user U] [--since 1h|TIME] [--until TIME] [--kind KIND] [-n NS] [--name NAME] [--type TYPE]
/// [--limit N] [-o json|yaml]</c>: the cluster's events, oldest first, from the Api's audit index
/// (GET /apis/eventorch.io/v1/audit), every namespace unless -n is given. Pages are read until --limit events are
/// printed.</summary>
public static class AuditCommand
{
    private const int PageSize = 500;

    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var user = new Option<string?>("--user") { Description = "Only events caused by this user or service account" };
        var since = new Option<string?>("--since") { Description = "Only events this recent (a duration: 30m, 1h) or after this RFC 3339 time" };
        var until = new Option<string?>("--until") { Description = "Only events before this RFC 3339 time (or this long ago: 10m)" };
        var kind = new Option<string?>("--kind") { Description = "Only events of objects of this kind (deployment, deploy, pods, ...)" };
        var name = new Option<string?>("--name") { Description = "Only events of objects with this name" };
        var type = new Option<string?>("--type") { Description = "Only events of this type (PodCreated, DeploymentSpecChanged, ...)" };
        var limit = new Option<int>("--limit") { Description = "Print at most this many events (0: all)", DefaultValueFactory = _ => 500 };
        var output = new Option<string?>("--output", "-o") { Description = "json or yaml: an AuditEventList of what was read" };
        var command = new Command("audit", "List who changed what, when, across the cluster")
        {
            user, since, until, kind, name, type, limit, output,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), async session =>
        {
            var format = OutputOptions.JsonOrYaml(result.GetValue(output));
            var max = result.GetValue(limit);
            if (max < 0) throw new CliException("--limit must not be negative");
            var now = DateTimeOffset.UtcNow;
            var query = new List<(string, string?)>
            {
                ("namespace", session.NamespaceFlag),
                ("user", result.GetValue(user)),
                ("kind", await KindAsync(session, result.GetValue(kind), cancellationToken)),
                ("name", result.GetValue(name)),
                ("type", result.GetValue(type)),
                ("since", Time(result.GetValue(since), "--since", now)),
                ("until", Time(result.GetValue(until), "--until", now)),
            };

            var events = new List<AuditEvent>();
            string? next = null;
            do
            {
                var size = max == 0 ? PageSize : Math.Min(PageSize, max - events.Count);
                var parameters = query.Append(("limit", size.ToString(CultureInfo.InvariantCulture))).Append(("continue", next))
                    .Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}");
                var page = (await session.Api.SendJsonAsync(HttpMethod.Get, $"{AuditKinds.AuditPath}?{string.Join("&", parameters)}",
                    cancellationToken: cancellationToken)).Deserialize<AuditEventList>(KubeJson.Options)!;
                events.AddRange(page.Items);
                next = page.Metadata.Continue;
            }
            while (next is not null && (max == 0 || events.Count < max));

            if (format is { } chosen)
            {
                var list = new AuditEventList { Items = events, Metadata = new() { Continue = next } };
                await console.Out.WriteAsync(ObjectPrinter.Format(JsonSerializer.SerializeToNode(list, KubeJson.Options)!, chosen));
                return 0;
            }
            if (events.Count == 0)
            {
                await console.Error.WriteLineAsync("No events found.");
                return 0;
            }
            foreach (var line in AuditText.Lines(events)) await console.Out.WriteLineAsync(line);
            if (next is not null) await console.Error.WriteLineAsync($"(more events match; raise --limit, or 0 for all)");
            return 0;
        }, cancellationToken));
        return command;
    }

    // The kind as discovery names it (deploy -> Deployment), so a typo fails here with get's message.
    private static async Task<string?> KindAsync(Session session, string? kind, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(kind)) return null;
        var kinds = await session.KindsAsync(cancellationToken);
        return kinds.Resolve(kind).Kind;
    }

    // An RFC 3339 time as given, or a duration back from now (1h: an hour ago).
    private static string? Time(string? text, string option, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Contains('T') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            return time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        return (now - Durations.Parse(text, option)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
    }
}
