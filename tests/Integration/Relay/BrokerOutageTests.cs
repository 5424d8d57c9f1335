using EventOrch.Contracts.Events;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Relay;

/// <summary>Stops the real broker, so nothing else may run beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerOutageCollection
{
    public const string Name = "broker outage";
}

[Collection(BrokerOutageCollection.Name)]
public sealed class BrokerOutageTests(ApiServer api) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task Writes_accepted_while_the_broker_is_down_are_delivered_when_it_returns()
    {
        await using var recorder = await EventRecorder.StartAsync(api.VirtualHost.Name, typeof(PodCreated));
        await api.Client.CreatePodAsync(ObjectClient.NewPod("before-outage"));
        await Eventually.WaitFor(() => recorder.Received.Any(r => r.Event.Name == "before-outage"), "the first pod on the bus");

        await Services.RabbitMqCtl("stop_app");
        var during = new List<string>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var pod = await api.Client.CreatePodAsync(ObjectClient.NewPod($"during-outage-{i}"));
                during.Add(pod.Metadata.Uid!);
            }
        }
        finally
        {
            await Services.RabbitMqCtl("start_app");
            await Services.RabbitMqCtl("await_startup");
        }

        await Eventually.WaitFor(() => during.All(uid => recorder.Received.Any(r => r.Event.Uid == uid)),
            "every pod created during the outage on the bus", TimeSpan.FromSeconds(90));
    }
}
