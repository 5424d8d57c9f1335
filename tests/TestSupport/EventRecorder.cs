using System.Collections.Concurrent;
using EventOrch.ClientRuntime.Bus;
using EventOrch.Contracts.Events;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EventOrch.Tests.Support;

/// <summary>One event as a consumer on the bus received it, with the relay's headers.</summary>
public sealed record ReceivedEvent(IObjectEvent Event, long Sequence, long StreamVersion, string? User, string? CorrelationId, Guid? MessageId);

/// <summary>A real MassTransit consumer on its own queue in a test's virtual host that records every event it receives.</summary>
public sealed class EventRecorder : IAsyncDisposable
{
    private readonly IHost _host;

    private EventRecorder(IHost host) => _host = host;

    public ConcurrentQueue<ReceivedEvent> Received => _host.Services.GetRequiredService<ConcurrentQueue<ReceivedEvent>>();

    public static async Task<EventRecorder> StartAsync(string virtualHost, params Type[] eventTypes)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(ApiServer.BusSettings(virtualHost));
        builder.Services.AddSingleton(new ConcurrentQueue<ReceivedEvent>());
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var consumers = eventTypes.Select(t => typeof(RecordingConsumer<>).MakeGenericType(t)).ToList();
        var queue = $"recorder-{Guid.NewGuid():N}";
        builder.AddEventOrchBus(
            x => { foreach (var consumer in consumers) x.AddConsumer(consumer); },
            (context, cfg) => cfg.ReceiveEndpoint(queue, e =>
            {
                e.ConcurrentMessageLimit = 1;
                e.ConfigureConsumers(context);
            }));
        var host = builder.Build();
        await host.StartAsync();
        return new EventRecorder(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private sealed class RecordingConsumer<TEvent>(ConcurrentQueue<ReceivedEvent> received) : IConsumer<TEvent> where TEvent : class, IObjectEvent
    {
        public Task Consume(ConsumeContext<TEvent> context)
        {
            received.Enqueue(new ReceivedEvent(context.Message,
                long.Parse(context.Headers.Get<string>(EventHeaders.Sequence) ?? "0"),
                long.Parse(context.Headers.Get<string>(EventHeaders.StreamVersion) ?? "0"),
                context.Headers.Get<string>(EventHeaders.User),
                context.Headers.Get<string>(EventHeaders.CorrelationId),
                context.MessageId));
            return Task.CompletedTask;
        }
    }
}
