using EventOrch.ClientRuntime.Informers;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EventOrch.ClientRuntime.Hosting;

/// <summary>Each time the component's queue becomes ready, every informer relists: at start-up, because an informer's
/// first list may be taken before the queue is bound to the exchanges, and what was published in between never reaches
/// the queue; after a reconnect (the broker restarted or the connection dropped), because whatever was published
/// meanwhile may not have reached it either.</summary>
public sealed partial class RelistWhenQueueReady(IEnumerable<IInformer> informers, ILogger<RelistWhenQueueReady> logger) : IReceiveEndpointObserver
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Uri, int> _readyCounts = new();

    public Task Ready(ReceiveEndpointReady ready)
    {
        if (_readyCounts.AddOrUpdate(ready.InputAddress, 1, (_, count) => count + 1) > 1) LogReconnected(ready.InputAddress);
        foreach (var informer in informers) informer.RequestRelist();
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;
    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;
    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Queue {Address} is ready again: relisting every informer")]
    private partial void LogReconnected(Uri address);
}
