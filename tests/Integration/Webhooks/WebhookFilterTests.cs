using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Marten;

namespace EventOrch.Tests.Integration.Webhooks;

/// <summary>Which events a subscription is given: its kinds, namespaces, event types and label selector each narrow them;
/// none from before the subscription existed; and never the status events the dispatcher writes.</summary>
public sealed class WebhookFilterTests(WebhookApiServer api) : IClassFixture<WebhookApiServer>
{
    [Fact]
    public async Task Kinds_namespaces_event_types_and_the_selector_each_keep_out_what_they_do_not_name()
    {
        var ns = await api.NamespaceAsync();
        var other = await api.NamespaceAsync();
        var key = Webhooks.NewKey();
        await api.KeySecretAsync(ns, "hook-key", key);
        await using var receiver = await WebhookReceiver.StartAsync(key);
        await api.CreateSubscriptionAsync(Webhooks.Subscription($"filters-{ns}", receiver.Url, ns, s => s with
        {
            Kinds = ["ConfigMap"],
            Namespaces = [ns],
            EventTypes = ["ConfigMapCreated", "ConfigMapDeleted"],
            Selector = new LabelSelectorSpec
            {
                MatchLabels = new() { ["app"] = "web" },
                MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "NotIn", Values = ["cache"] }],
            },
        }));
        var web = new Dictionary<string, string> { ["app"] = "web" };

        await api.ConfigMapAsync(ns, "match", web);
        await api.ConfigMapAsync(ns, "other-app", new() { ["app"] = "db" });
        await api.ConfigMapAsync(ns, "cache", new() { ["app"] = "web", ["tier"] = "cache" });
        await api.ConfigMapAsync(other, "other-namespace", web);
        await api.Client.SendAsync<Secret>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/secrets",
            new Secret { Metadata = new ObjectMeta { Name = "other-kind", Labels = web }, StringData = new() { ["a"] = "b" } });
        await api.ChangeConfigMapAsync(ns, "match", "2");
        var deleted = await api.Client.DeleteAsync($"/api/v1/namespaces/{ns}/configmaps/match");
        deleted.EnsureSuccessStatusCode();
        // Deliveries come in event order: once the last one is in, every earlier one that matched is in too.
        await api.ConfigMapAsync(ns, "last", web);

        var accepted = await Eventually.WaitFor(() => Task.FromResult(receiver.Accepted), a => a.Any(d => d.ObjectName == "last"), "the last delivery");
        Assert.Equal([("match", "ConfigMapCreated"), ("match", "ConfigMapDeleted"), ("last", "ConfigMapCreated")],
            accepted.Select(a => (a.ObjectName, a.EventType)));
        // A delete carries the object as it was, at the delete's resourceVersion.
        var delete = accepted[1].Body;
        Assert.Equal("2", delete["object"]!["data"]!["value"]!.GetValue<string>());
        Assert.Equal(delete["event"]!["sequence"]!.GetValue<long>().ToString(), delete["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_namespaces_filter_keeps_out_cluster_scoped_objects_which_a_subscription_without_it_gets()
    {
        var ns = await api.NamespaceAsync();
        var key = Webhooks.NewKey();
        await api.KeySecretAsync(ns, "hook-key", key);
        await using var scoped = await WebhookReceiver.StartAsync(key);
        await using var cluster = await WebhookReceiver.StartAsync(key);
        await api.CreateSubscriptionAsync(Webhooks.Subscription($"scoped-{ns}", scoped.Url, ns, s => s with { Kinds = ["Namespace", "ConfigMap"], Namespaces = [ns] }));
        await api.CreateSubscriptionAsync(Webhooks.Subscription($"cluster-{ns}", cluster.Url, ns, s => s with { Kinds = ["Namespace"] }));

        var created = await api.NamespaceAsync("later");
        await api.ConfigMapAsync(ns, "marker");

        var clusterAccepted = await Eventually.WaitFor(() => Task.FromResult(cluster.Accepted), a => a.Any(d => d.ObjectName == created),
            "the new namespace at the cluster-wide subscription");
        Assert.Equal("NamespaceCreated", clusterAccepted.Single(d => d.ObjectName == created).EventType);
        Assert.Null(clusterAccepted[0].Body["event"]!["namespace"]);
        var scopedAccepted = await Eventually.WaitFor(() => Task.FromResult(scoped.Accepted), a => a.Any(d => d.ObjectName == "marker"), "the marker");
        Assert.Equal(["marker"], scopedAccepted.Select(d => d.ObjectName));
    }

    [Fact]
    public async Task A_subscription_to_everything_gets_other_subscriptions_changes_but_never_a_status_event()
    {
        var ns = await api.NamespaceAsync();
        var key = Webhooks.NewKey();
        await api.KeySecretAsync(ns, "hook-key", key);
        await using var everything = await WebhookReceiver.StartAsync(key);
        await using var second = await WebhookReceiver.StartAsync(key);
        var all = await api.CreateSubscriptionAsync(Webhooks.Subscription($"all-{ns}", everything.Url, ns));
        await api.CreateSubscriptionAsync(Webhooks.Subscription($"second-{ns}", second.Url, ns, s => s with { Namespaces = [ns] }));
        for (var i = 0; i < 3; i++) await api.ConfigMapAsync(ns, $"cm-{i}");
        // Both report their deliveries in their status...
        await api.StatusAsync(all.Metadata.Name!, s => s.LastDelivery is not null, "the first status of the everything subscription");
        await api.StatusAsync($"second-{ns}", s => s.LastDelivery?.EventType == "ConfigMapCreated", "the second subscription's status");
        await api.ConfigMapAsync(ns, "marker");

        var received = await Eventually.WaitFor(() => Task.FromResult(everything.Accepted), a => a.Any(d => d.ObjectName == "marker"), "the marker");
        await using var session = api.Store.QuerySession();
        var statusEvents = await session.Events.QueryRawEventDataOnly<WebhookSubscriptionStatusChanged>().CountAsync();
        Assert.True(statusEvents >= 2, $"{statusEvents} status events written");
        // ...the second's creation and the ConfigMaps reach the first, and no status event does.
        Assert.Contains(received, d => d.EventType == "WebhookSubscriptionCreated" && d.ObjectName == $"second-{ns}");
        Assert.Equal(4, received.Count(d => d.EventType == "ConfigMapCreated"));
        Assert.DoesNotContain(received, d => d.EventType == nameof(WebhookSubscriptionStatusChanged));
        Assert.Equal(received.Select(d => d.Sequence).Order(), received.Select(d => d.Sequence));
    }
}
