using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using EventOrch.Cli.Output;
using EventOrch.Cli.Terminal;
using EventOrch.Contracts.Formatting;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl webhooks deadletters NAME [-o json|yaml]</c>: the deliveries of a WebhookSubscription that used up their
/// attempts, oldest event first: ID SEQUENCE EVENT OBJECT ATTEMPTS LAST-ERROR AGE (since it became a dead letter).</summary>
public static class WebhookDeadLettersCommand
{
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var name = new Argument<string>("subscription") { Description = "The WebhookSubscription: NAME or webhooksubscription/NAME" };
        var output = new Option<string?>("--output", "-o") { Description = "json or yaml: the WebhookDeadLetterList itself" };
        var command = new Command("deadletters", "List a WebhookSubscription's dead letters") { name, output };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), async session =>
        {
            var format = OutputFormats.Parse(result.GetValue(output));
            if (format is OutputFormat.Wide or OutputFormat.Name) throw new CliException("deadletters prints a table, json or yaml");
            var path = WebhooksCommand.SubresourcePath(result.GetValue(name)!, "deadletters");
            var list = await session.Api.SendJsonAsync(HttpMethod.Get, path, cancellationToken: cancellationToken);
            if (format is OutputFormat.Json or OutputFormat.Yaml)
            {
                await console.Out.WriteAsync(ObjectPrinter.Format(list, format));
                return 0;
            }
            var items = list["items"]?.AsArray() ?? [];
            if (items.Count == 0)
            {
                await console.Error.WriteLineAsync("No dead letters.");
                return 0;
            }
            var now = DateTimeOffset.UtcNow;
            var lines = new List<IReadOnlyList<string>> { new[] { "ID", "SEQUENCE", "EVENT", "OBJECT", "ATTEMPTS", "LAST-ERROR", "AGE" } };
            lines.AddRange(items.OfType<JsonObject>().Select(item => (IReadOnlyList<string>)
            [
                Text(item["id"]),
                Text(item["sequence"]),
                Text(item["eventType"]),
                ObjectOf(item["object"]),
                Text(item["attempts"]),
                Text(item["lastError"]) is { Length: > 0 } error ? error : "<none>",
                HumanDuration.Since(item["deadLetteredTime"]?.GetValue<string>(), now),
            ]));
            foreach (var line in TextTable.Format(lines)) await console.Out.WriteLineAsync(line);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<long>(out var number) => number.ToString(CultureInfo.InvariantCulture),
        _ => node.ToString(),
    };

    // Kind/namespace/name, as kubectl names an object: the namespace only when there is one.
    private static string ObjectOf(JsonNode? reference) =>
        reference is null ? "" : string.Join("/", new[] { Text(reference["kind"]), Text(reference["namespace"]), Text(reference["name"]) }.Where(p => p.Length > 0));
}
