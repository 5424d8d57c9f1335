using System.CommandLine;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Terminal;
using EventOrch.Contracts.Kinds;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl webhooks deadletters|redeliver</c>: a WebhookSubscription's dead letters, which kubectl has no verb for.</summary>
public static class WebhooksCommand
{
    public static Command Create(CliConsole console, GlobalOptions global) =>
        new("webhooks", "List and redeliver the dead letters of a WebhookSubscription")
        {
            WebhookDeadLettersCommand.Create(console, global),
            WebhookRedeliverCommand.Create(console, global),
        };

    /// <summary>The path of a subscription's subresource; NAME may be given as KIND/NAME with any name of the kind
    /// (webhooksubscription/NAME, whsub/NAME, webhooksubscriptions.eventorch.io/NAME).</summary>
    public static string SubresourcePath(string subscription, string subresource)
    {
        var slash = subscription.IndexOf('/');
        if (slash >= 0)
        {
            if (KindCatalog.BuiltIn().TryResolve(subscription[..slash])?.Kind != ResourceKind.WebhookSubscription.Kind)
                throw new CliException($"{subscription[..slash]} is not a WebhookSubscription: give NAME or webhooksubscription/NAME");
            subscription = subscription[(slash + 1)..];
        }
        if (subscription.Length == 0) throw new CliException("a WebhookSubscription name is required");
        return $"{KubeApiClient.ItemPath(ResourceKind.WebhookSubscription, null, subscription)}/{subresource}";
    }
}
