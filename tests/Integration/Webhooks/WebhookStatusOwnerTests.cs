using System.Net;
using EventOrch.Contracts.Events;
using EventOrch.Tests.Support;
using Marten;

namespace EventOrch.Tests.Integration.Webhooks;

/// <summary>An Api whose webhook status is written at most once every two seconds: long enough to delete and create a
/// subscription again while a status write of the first one waits.</summary>
public sealed class TwoSecondStatusApiServer : WebhookApiServer
{
    protected override string StatusInterval => "00:00:02";
}

/// <summary>A status write that waits out the status interval belongs to the subscription it reports on, not to the name.</summary>
public sealed class WebhookStatusOwnerTests(TwoSecondStatusApiServer api) : IClassFixture<TwoSecondStatusApiServer>
{
    [Fact]
    public async Task A_waiting_status_write_of_a_deleted_subscription_is_not_written_onto_a_new_one_with_its_name()
    {
        var ns = await api.NamespaceAsync();
        var key = Webhooks.NewKey();
        await api.KeySecretAsync(ns, "hook-key", key);
        await using var receiver = await WebhookReceiver.StartAsync(key);
        var name = $"reborn-{ns}";
        var subscription = Webhooks.Subscription(name, receiver.Url, ns, s => s with { Namespaces = [ns] });

        // The first subscription's first delivery is written at once; its second waits for the end of the interval.
        await api.CreateSubscriptionAsync(subscription);
        await api.ConfigMapAsync(ns, "old-0");
        await api.StatusAsync(name, s => s.LastDelivery is not null, "the first subscription's first status");
        await api.ConfigMapAsync(ns, "old-1");
        await Eventually.WaitFor(() => Task.FromResult(receiver.Accepted), a => a.Count == 2, "the first subscription's two deliveries");

        // Within that interval the name goes to a new subscription, which writes its first status at once and its second
        // at the end of its own interval: after the first subscription's waiting write was due.
        var (code, _, response) = await api.Client.SendAsync<object>(HttpMethod.Delete, $"{Webhooks.Path}/{name}");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var reborn = await api.CreateSubscriptionAsync(subscription);
        await api.ConfigMapAsync(ns, "new-0");
        await api.StatusAsync(name, s => s.LastDelivery is not null, "the new subscription's first status");
        var last = await api.ConfigMapAsync(ns, "new-1");
        await api.StatusAsync(name, s => s.LastDelivery?.Sequence == long.Parse(last.Metadata.ResourceVersion!), "the new subscription's second status");

        await using var session = api.Store.QuerySession();
        var stream = await session.Events.FetchStreamAsync(Guid.Parse(reborn.Metadata.Uid!));
        var reported = stream.Select(e => e.Data).OfType<WebhookSubscriptionStatusChanged>().Select(e => e.Status.LastDelivery?.Sequence).ToList();
        var newEvents = receiver.Accepted.Where(a => a.ObjectName.StartsWith("new-", StringComparison.Ordinal)).Select(a => (long?)a.Sequence).ToList();
        Assert.All(reported, sequence => Assert.Contains(sequence, newEvents));
    }
}
