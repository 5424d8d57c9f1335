using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.KubeEvents;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using static EventOrch.Tests.Unit.KubeEvents.EventFixtures;

namespace EventOrch.Tests.Unit.KubeEvents;

public sealed class KubeEventShapeTests
{
    private static IReadOnlyList<KubeEvent> Registered(long sequence = 42) =>
        KubeEventMapper.From(Rec(new NodeRegistered(Node()), "system:serviceaccount:kube-system:node-agent", sequence), null, Subjects());

    [Fact]
    public void Each_Event_is_named_after_its_object_and_position_and_stamped_with_the_domain_event()
    {
        var events = Registered();

        Assert.Equal(["node-1.0000000000002a00", "node-1.0000000000002a01", "node-1.0000000000002a02"], events.Select(e => e.Metadata.Name));
        Assert.All(events, e =>
        {
            Assert.Equal("42", e.Metadata.ResourceVersion);
            Assert.Equal(1, e.Count);
            Assert.Equal(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero), e.FirstTimestamp);
            Assert.Equal(e.FirstTimestamp, e.LastTimestamp);
            Assert.Equal(e.FirstTimestamp, e.Metadata.CreationTimestamp);
            Assert.Equal(At.AddTicks(-7), e.EventTime);
            Assert.Equal("NodeRegistered", e.Metadata.Annotations![KubeEventAnnotations.DomainEvent]);
            Assert.Equal("7d0c4f55-8a62-4b8e-9d6f-0a1b2c3d4e5f", e.Metadata.Annotations[KubeEventAnnotations.DomainEventId]);
            Assert.Equal("system:serviceaccount:kube-system:node-agent", e.Metadata.Annotations[KubeEventAnnotations.CausedBy]);
            Assert.Equal("request-1", e.Metadata.Annotations[KubeEventAnnotations.RequestId]);
        });
        Assert.Equal(3, events.Select(e => e.Metadata.Uid).Distinct().Count());
    }

    [Fact]
    public void The_same_domain_event_always_gives_the_same_Events()
    {
        Assert.Equal(
            Registered().Select(e => JsonSerializer.Serialize(e, KubeEventsJson)),
            Registered().Select(e => JsonSerializer.Serialize(e, KubeEventsJson)));
    }

    [Theory]
    [InlineData("web-abcde.0000000000002a01", true, 0x2a01)]
    [InlineData("a.b.c.0000000000000100", true, 0x100)]
    [InlineData("web-abcde.2a01", false, 0)]
    [InlineData("web-abcde.zzzzzzzzzzzzzzzz", false, 0)]
    [InlineData("0000000000002a01", false, 0)]
    public void An_Events_name_carries_its_position(string name, bool parsed, long position)
    {
        Assert.Equal(parsed, KubeEventMapper.TryParsePosition(name, out var found));
        Assert.Equal(position, found);
    }

    [Fact]
    public void EventTime_is_written_with_exactly_six_fractional_digits_in_UTC()
    {
        var node = JsonSerializer.SerializeToNode(Registered()[0], KubeEventsJson)!;

        Assert.Equal("2025-03-04T05:06:07.123456Z", node["eventTime"]!.GetValue<string>());
        Assert.Equal(At.AddTicks(-7), JsonSerializer.Deserialize<KubeEvent>(node, KubeEventsJson)!.EventTime);
    }

    [Fact]
    public void The_events_k8s_io_shape_renames_the_core_fields()
    {
        var core = Registered()[0];

        var v1 = JsonSerializer.SerializeToNode(EventsV1Event.From(core), KubeEventsJson)!.AsObject();

        Assert.Equal("events.k8s.io/v1", v1["apiVersion"]!.GetValue<string>());
        Assert.Equal("node-1", v1["regarding"]!["name"]!.GetValue<string>());
        Assert.Equal("Starting kubelet.", v1["note"]!.GetValue<string>());
        Assert.Equal("kubelet", v1["reportingController"]!.GetValue<string>());
        Assert.Equal("node-1", v1["reportingInstance"]!.GetValue<string>());
        Assert.Equal("kubelet", v1["deprecatedSource"]!["component"]!.GetValue<string>());
        Assert.Equal(1, v1["deprecatedCount"]!.GetValue<int>());
        Assert.Equal("2025-03-04T05:06:07.123456Z", v1["eventTime"]!.GetValue<string>());
        Assert.Null(v1["involvedObject"]);
        Assert.Null(v1["message"]);
        Assert.Null(v1["source"]);
    }

    [Fact]
    public void Folding_keeps_the_state_each_event_is_compared_with()
    {
        var table = new EventSubjectTable();
        var pod = Pod(node: null, status: null);
        var created = table.Apply(Rec(new PodCreated(pod), sequence: 1));
        var bound = table.Apply(Rec(new PodBound(pod.Metadata.Uid!, "default", pod.Metadata.Name!, "node-1", At), sequence: 2));
        var started = table.Apply(Rec(new PodStatusChanged(pod.Metadata.Uid!, "default", pod.Metadata.Name!, Containers(Running())), sequence: 3));
        var again = table.Apply(Rec(new PodStatusChanged(pod.Metadata.Uid!, "default", pod.Metadata.Name!, Containers(Running())), sequence: 4));
        var deleted = table.Apply(Rec(new PodDeleted(pod.Metadata.Uid!, "default", pod.Metadata.Name!), sequence: 5));

        Assert.Empty(created);
        Assert.Equal([EventReasons.Scheduled], bound.Select(e => e.Reason));
        Assert.Equal([EventReasons.Created, EventReasons.Started], started.Select(e => e.Reason));
        Assert.Empty(again);
        Assert.Equal([EventReasons.Killing], deleted.Select(e => e.Reason));
        Assert.Null(table.Find(pod.Metadata.Uid!));
    }

    private static JsonSerializerOptions KubeEventsJson => KubeJson.Options;
}
