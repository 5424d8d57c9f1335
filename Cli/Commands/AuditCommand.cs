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
/// (GET /apis/eventorch.io/v1/audit), every namespace unless -n is given; with <c>--refused [--code N]</c> the refused
/// requests instead (GET /apis/eventorch.io/v1/refusals). Pages are read until --limit items are printed.</summary>
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
        var output = new Option<string?>("--output", "-o") { Description = "json or yaml: an AuditEventList (a RefusalList with --refused) of what was read" };
        var refused = new Option<bool>("--refused") { Description = "List refused requests (401, 403, 429) instead of events" };
        var code = new Option<int?>("--code") { Description = "With --refused: only refusals with this code (401, 403 or 429)" };
        var command = new Command("audit", "List who changed what, when, across the cluster")
        {
            user, since, until, kind, name, type, limit, output, refused, code,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), async session =>
        {
            var format = OutputOptions.JsonOrYaml(result.GetValue(output));
            var max = result.GetValue(limit);
            if (max < 0) throw new CliException("--limit must not be negative");
            var now = DateTimeOffset.UtcNow;
            var common = new List<(string, string?)>
            {
                ("namespace", session.NamespaceFlag),
                ("user", result.GetValue(user)),
                ("since", Time(result.GetValue(since), "--since", now)),
                ("until", Time(result.GetValue(until), "--until", now)),
            };

            if (result.GetValue(refused))
            {
                if (result.GetValue(kind) is not null || result.GetValue(name) is not null || result.GetValue(type) is not null)
                    throw new CliException("--refused filters by --user, -n, --code, --since and --until only");
                common.Add(("code", result.GetValue(code)?.ToString(CultureInfo.InvariantCulture)));
                var (refusals, more) = await ReadAsync<RefusalList, Refusal>(session, AuditKinds.RefusalsPath, common, max,
                    l => l.Items, l => l.Metadata.Continue, cancellationToken);
                return await PrintAsync(console, format, new RefusalList { Items = refusals, Metadata = new() { Continue = more } },
                    refusals.Count, "refusals", () => RefusalText.Lines(refusals), more);
            }
            if (result.GetValue(code) is not null) throw new CliException("--code needs --refused");
            common.Add(("kind", await KindAsync(session, result.GetValue(kind), cancellationToken)));
            common.Add(("name", result.GetValue(name)));
            common.Add(("type", result.GetValue(type)));
            var (events, next) = await ReadAsync<AuditEventList, AuditEvent>(session, AuditKinds.AuditPath, common, max,
                l => l.Items, l => l.Metadata.Continue, cancellationToken);
            return await PrintAsync(console, format, new AuditEventList { Items = events, Metadata = new() { Continue = next } },
                events.Count, "events", () => AuditText.Lines(events), next);
        }, cancellationToken));
        return command;
    }

    // Pages are read until max items (0: all); the continue token of the last page is handed back.
    private static async Task<(List<TItem> Items, string? Continue)> ReadAsync<TList, TItem>(Session session, string path,
        IEnumerable<(string, string?)> query, int max, Func<TList, List<TItem>> items, Func<TList, string?> next,
        CancellationToken cancellationToken)
    {
        var read = new List<TItem>();
        string? token = null;
        do
        {
            var size = max == 0 ? PageSize : Math.Min(PageSize, max - read.Count);
            var parameters = query.Append(("limit", size.ToString(CultureInfo.InvariantCulture))).Append(("continue", token))
                .Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}");
            var page = (await session.Api.SendJsonAsync(HttpMethod.Get, $"{path}?{string.Join("&", parameters)}",
                cancellationToken: cancellationToken)).Deserialize<TList>(KubeJson.Options)!;
            read.AddRange(items(page));
            token = next(page);
        }
        while (token is not null && (max == 0 || read.Count < max));
        return (read, token);
    }

    private static async Task<int> PrintAsync<TList>(CliConsole console, OutputFormat? format, TList list, int count, string what,
        Func<IEnumerable<string>> lines, string? more)
    {
        if (format is { } chosen)
        {
            await console.Out.WriteAsync(ObjectPrinter.Format(JsonSerializer.SerializeToNode(list, KubeJson.Options)!, chosen));
            return 0;
        }
        if (count == 0)
        {
            await console.Error.WriteLineAsync($"No {what} found.");
            return 0;
        }
        foreach (var line in lines()) await console.Out.WriteLineAsync(line);
        if (more is not null) await console.Error.WriteLineAsync($"(more {what} match; raise --limit, or 0 for all)");
        return 0;
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
