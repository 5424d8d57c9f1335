using EventOrch.Cli;
using EventOrch.Cli.Commands;

namespace EventOrch.Tests.Unit.Cli;

public sealed class WebhooksCommandTests
{
    [Theory]
    [InlineData("audit-sink")]
    [InlineData("webhooksubscription/audit-sink")]
    [InlineData("webhooksubscriptions/audit-sink")]
    [InlineData("whsub/audit-sink")]
    [InlineData("WebhookSubscription/audit-sink")]
    [InlineData("webhooksubscription.eventorch.io/audit-sink")]
    [InlineData("webhooksubscriptions.eventorch.io/audit-sink")]
    public void A_subscription_named_alone_or_by_any_name_of_its_kind_has_its_subresource_path(string argument) =>
        Assert.Equal("/apis/eventorch.io/v1/webhooksubscriptions/audit-sink/deadletters", WebhooksCommand.SubresourcePath(argument, "deadletters"));

    [Theory]
    [InlineData("deployment/audit-sink", "deployment is not a WebhookSubscription: give NAME or webhooksubscription/NAME")]
    [InlineData("hooks/audit-sink", "hooks is not a WebhookSubscription: give NAME or webhooksubscription/NAME")]
    [InlineData("whsub/", "a WebhookSubscription name is required")]
    public void Another_kind_or_no_name_is_refused_with_a_message(string argument, string message) =>
        Assert.Equal(message, Assert.Throws<CliException>(() => WebhooksCommand.SubresourcePath(argument, "redeliver")).Message);
}
