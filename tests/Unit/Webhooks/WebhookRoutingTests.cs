using EventOrch.Api.Webhooks;
using EventOrch.Api.Webhooks.Routing;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Webhooks;

public sealed class WebhookRoutingTests
{
    private static readonly Guid Uid = Guid.Parse("6f1d2c3b-0000-4000-8000-000000000001");

    private static WebhookSubscription Subscription(List<string>? kinds = null) => new()
    {
        Metadata = new ObjectMeta { Name = "hook", Uid = Uid.ToString() },
        Spec = new WebhookSubscriptionSpec { Url = "https://example.com/", Kinds = kinds },
    };

    private static EventPosition At(long sequence, long version) => new(sequence, version, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_subscription_is_given_only_events_committed_after_its_create()
    {
        var table = new SubscriptionTable();
        table.Apply(Uid, new WebhookSubscriptionCreated(Subscription()), At(10, 1));
        Assert.Empty(table.Candidates("PodCreated", "Pod", "web", 10));
        Assert.Single(table.Candidates("PodCreated", "Pod", "web", 11));
    }

    [Fact]
    public void Spec_changes_replace_the_filters_and_a_delete_removes_the_subscription()
    {
        var table = new SubscriptionTable();
        table.Load(Subscription(["Pod"]), version: 1, createdSequence: 5);
        Assert.Single(table.Candidates("PodCreated", "Pod", "", 6));
        table.Apply(Uid, new WebhookSubscriptionSpecChanged(Uid.ToString(), "hook", Subscription(["Node"]).Spec), At(7, 2));
        Assert.Empty(table.Candidates("PodCreated", "Pod", "", 8));
        Assert.Single(table.Candidates("NodeRegistered", "Node", "", 8));
        Assert.True(table.Apply(Uid, new WebhookSubscriptionDeleted(Uid.ToString(), "hook"), At(9, 3)));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void An_event_the_loaded_state_already_includes_changes_nothing()
    {
        var table = new SubscriptionTable();
        table.Load(Subscription(["Node"]), version: 2, createdSequence: 5);
        table.Apply(Uid, new WebhookSubscriptionSpecChanged(Uid.ToString(), "hook", Subscription(["Pod"]).Spec), At(6, 2));
        Assert.Empty(table.Candidates("PodCreated", "Pod", "", 8));
    }

    [Fact]
    public void Delivery_ids_follow_from_the_subscription_and_the_event()
    {
        var eventId = Guid.NewGuid();
        var id = DeliveryIds.For(Uid, eventId);
        Assert.Equal(id, DeliveryIds.For(Uid, eventId));
        Assert.NotEqual(id, DeliveryIds.For(Guid.NewGuid(), eventId));
        Assert.NotEqual(id, DeliveryIds.For(Uid, Guid.NewGuid()));
        Assert.Equal(8, id.Version);
    }

    [Fact]
    public void A_wake_up_names_the_subscriptions_of_its_schema_only()
    {
        var other = Guid.NewGuid();
        Assert.Equal([Uid, other], WakeUp.Parse(WakeUp.Payload("eventorch", [Uid, other]), "eventorch"));
        Assert.Empty(WakeUp.Parse(WakeUp.Payload("eventorch", [Uid]), "eventorch_test")!);
        Assert.Null(WakeUp.Parse(WakeUp.Payload("eventorch", [.. Enumerable.Range(0, 101).Select(_ => Guid.NewGuid())]), "eventorch"));
    }

    [Fact]
    public void Remembered_objects_fold_the_next_event_of_their_stream_and_forget_a_stream_that_skipped_one()
    {
        var kind = new EventOrch.Api.Watch.WatchedKind<ConfigMap>(new EventOrch.Api.Resources.ConfigMapDefinition());
        var states = new ObjectStates(capacity: 10);
        var stream = Guid.NewGuid();
        var map = new ConfigMap { Metadata = new ObjectMeta { Name = "cm", Namespace = "web", Uid = stream.ToString() }, Data = new() { ["a"] = "1" } };
        states.Remember(stream, 1, map);

        Assert.True(states.TryAdvance(stream, new ConfigMapDataChanged(stream.ToString(), "web", "cm", new() { ["a"] = "2" }, null), At(5, 2), kind,
            out var before, out var after));
        Assert.Equal("1", ((ConfigMap)before!).Data!["a"]);
        Assert.Equal(("2", "5"), (((ConfigMap)after!).Data!["a"], after.Metadata.ResourceVersion));
        Assert.False(states.TryAdvance(stream, new ConfigMapDeleted(stream.ToString(), "web", "cm"), At(9, 4), kind, out _, out _));
        Assert.False(states.TryAdvance(stream, new ConfigMapDeleted(stream.ToString(), "web", "cm"), At(9, 3), kind, out _, out _));
    }
}
