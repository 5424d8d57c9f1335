using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Relay;

public sealed class EventRelayTests(ApiServer api) : IClassFixture<ApiServer>
{
    private static readonly Type[] PodEvents =
        [typeof(PodCreated), typeof(PodMetadataChanged), typeof(PodSpecChanged), typeof(PodStatusChanged), typeof(PodDeleted)];

    [Fact]
    public async Task Every_write_is_published_in_commit_order_with_who_and_the_request_id()
    {
        await using var recorder = await EventRecorder.StartAsync(api.VirtualHost.Name, PodEvents);
        var requestId = Guid.NewGuid().ToString();
        api.Client.DefaultRequestHeaders.Remove("X-Request-Id");
        api.Client.DefaultRequestHeaders.Add("X-Request-Id", requestId);
        try
        {
            var created = await api.Client.CreatePodAsync(ObjectClient.NewPod("relayed"));
            await api.Client.PatchPodAsync("relayed", new { metadata = new { labels = new { v = "2" } } });
            await api.Client.DeletePodAsync("relayed");

            var mine = await Eventually.WaitFor(
                () => Task.FromResult(recorder.Received.Where(r => r.Event.Uid == created.Metadata.Uid).ToList()),
                r => r.Count >= 3, "three events of the pod on the bus");

            Assert.Collection(mine,
                e => Assert.IsType<PodCreated>(e.Event),
                e => Assert.Equal("2", Assert.IsType<PodMetadataChanged>(e.Event).Changes.Labels!["v"]),
                e => Assert.IsType<PodDeleted>(e.Event));
            Assert.Equal([1L, 2L, 3L], mine.Select(e => e.StreamVersion));
            Assert.True(mine[0].Sequence < mine[1].Sequence && mine[1].Sequence < mine[2].Sequence);
            Assert.Equal(created.Metadata.ResourceVersion, mine[0].Sequence.ToString());
            Assert.All(mine, e => Assert.Equal(ApiServer.AdminUser, e.User));
            Assert.All(mine, e => Assert.Equal(requestId, e.CorrelationId));
        }
        finally
        {
            api.Client.DefaultRequestHeaders.Remove("X-Request-Id");
        }
    }

    [Fact]
    public async Task A_burst_of_writes_is_delivered_exactly_as_committed()
    {
        await using var recorder = await EventRecorder.StartAsync(api.VirtualHost.Name, PodEvents);
        var uids = new HashSet<string>();
        await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            var pod = await api.Client.CreatePodAsync(ObjectClient.NewPod($"burst-{i}"));
            lock (uids) uids.Add(pod.Metadata.Uid!);
        }));

        var received = await Eventually.WaitFor(
            () => Task.FromResult(recorder.Received.Where(r => uids.Contains(r.Event.Uid)).ToList()),
            r => r.Count >= 30, "thirty creates on the bus");

        Assert.Equal(uids.Order(), received.Select(r => r.Event.Uid).Distinct().Order());
        Assert.Equal(received.Select(r => r.Sequence).Order(), received.Select(r => r.Sequence));
    }
}
