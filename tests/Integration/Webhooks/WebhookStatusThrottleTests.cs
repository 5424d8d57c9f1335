using EventOrch.Contracts.Events;
using EventOrch.Tests.Support;
using Marten;

namespace EventOrch.Tests.Integration.Webhooks;

/// <summary>An Api whose webhook status is written at most once a minute.</summary>
public sealed class SlowStatusApiServer : WebhookApiServer
{
    protected override string StatusInterval => "00:01:00";
}

/// <summary>A busy subscription does not append a status event per delivery: the first change is written at once, what
/// follows waits for the end of the status interval.</summary>
public sealed class WebhookStatusThrottleTests(SlowStatusApiServer api) : IClassFixture<SlowStatusApiServer>
{
    [Fact]
    public async Task Fifteen_deliveries_within_one_status_interval_append_one_status_event()
    {
        var ns = await api.NamespaceAsync();
        var key = Webhooks.NewKey();
        await api.KeySecretAsync(ns, "hook-key", key);
        await using var receiver = await WebhookReceiver.StartAsync(key);
        var subscription = await api.CreateSubscriptionAsync(Webhooks.Subscription($"busy-{ns}", receiver.Url, ns, s => s with { Namespaces = [ns] }));

        for (var i = 0; i < 15; i++) await api.ConfigMapAsync(ns, $"cm-{i}");
        await Eventually.WaitFor(() => Task.FromResult(receiver.Accepted), a => a.Count == 15, "fifteen deliveries");
        await api.StatusAsync(subscription.Metadata.Name!, s => s.LastDelivery is not null, "the first status");

        await using var session = api.Store.QuerySession();
        var stream = await session.Events.FetchStreamAsync(Guid.Parse(subscription.Metadata.Uid!));
        // Written at the first delivery (or one of the next few): the rest wait for the interval to end.
        Assert.Single(stream, e => e.Data is WebhookSubscriptionStatusChanged);
    }
}
