using System.CommandLine;
using System.Text.Json.Nodes;
using EventOrch.Cli.Terminal;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl webhooks redeliver NAME (--id ID ... | --all) [--dry-run]</c>: puts dead letters back in the
/// subscription's queue (POST .../redeliver), their attempts counted from zero, and names those it put back.</summary>
public static class WebhookRedeliverCommand
{
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var name = new Argument<string>("subscription") { Description = "The WebhookSubscription: NAME or webhooksubscription/NAME" };
        var ids = new Option<string[]>("--id") { Description = "A dead letter's delivery id (repeat for several)", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "Every dead letter of the subscription" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would be redelivered and change nothing (the server's dry run)" };
        var command = new Command("redeliver", "Send a WebhookSubscription's dead letters again") { name, ids, all, dryRun };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), async session =>
        {
            var chosen = result.GetValue(ids) ?? [];
            var everything = result.GetValue(all);
            if (chosen.Length == 0 && !everything) throw new CliException("name the dead letters to redeliver with --id, or give --all");
            if (chosen.Length > 0 && everything) throw new CliException("--id and --all cannot be given together");
            var subscription = result.GetValue(name)!;
            var path = WebhooksCommand.SubresourcePath(subscription, "redeliver") + (result.GetValue(dryRun) ? "?dryRun=All" : "");
            var body = new JsonObject { ["apiVersion"] = "eventorch.io/v1", ["kind"] = "WebhookRedelivery" };
            if (!everything) body["deliveryIds"] = new JsonArray(chosen.Select(id => (JsonNode)id).ToArray());
            var answer = await session.Api.SendJsonAsync(HttpMethod.Post, path, body, cancellationToken: cancellationToken);
            var redelivered = answer["status"]?["redelivered"]?.AsArray().Select(n => n!.ToString()).ToList() ?? [];
            var suffix = result.GetValue(dryRun) ? " (server dry run)" : "";
            var display = subscription.Contains('/') ? subscription : $"webhooksubscription.eventorch.io/{subscription}";
            await console.Out.WriteLineAsync(redelivered.Count == 0
                ? $"{display}: no dead letter to redeliver{suffix}"
                : $"{display}: {redelivered.Count} dead {(redelivered.Count == 1 ? "letter" : "letters")} queued for redelivery{suffix}");
            foreach (var id in redelivered) await console.Out.WriteLineAsync($"  {id}");
            return 0;
        }, cancellationToken));
        return command;
    }
}
