using EventOrch.Api.KubeEvents;
using EventOrch.Contracts.Events;
using JasperFx.Events;
using static EventOrch.Tests.Unit.KubeEvents.EventFixtures;

namespace EventOrch.Tests.Unit.KubeEvents;

public sealed class RecordedEventsTests
{
    private static Event<T> Stored<T>(T data, string user = "system:serviceaccount:kube-system:scheduler") where T : notnull => new(data)
    {
        Id = Guid.Parse("7d0c4f55-8a62-4b8e-9d6f-0a1b2c3d4e5f"),
        Sequence = 42,
        Version = 2,
        Timestamp = At,
        UserName = user,
        CorrelationId = "request-1",
        CausationId = "",
    };

    [Fact]
    public void A_stored_event_carries_who_when_and_why_into_the_mapping()
    {
        var recorded = RecordedEvents.From(Stored(new PodBound("uid-web-abcde", "default", "web-abcde", "node-1", At)))!;

        Assert.Equal((42L, 2L, At, "system:serviceaccount:kube-system:scheduler", "request-1", (string?)null),
            (recorded.Sequence, recorded.Version, recorded.Timestamp, recorded.User, recorded.CorrelationId, recorded.CausationId));
        Assert.True(recorded.ByComponent);
    }

    [Fact]
    public void Anything_stored_that_is_not_an_objects_event_is_not_recorded()
    {
        Assert.Null(RecordedEvents.From(Stored("a tombstone")));
    }
}
