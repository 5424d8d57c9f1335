using EventOrch.ClientRuntime.Informers;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EventOrch.ClientRuntime.Hosting;

/// <summary>After the component's queue comes back (the broker restarted or the connection dropped),
/// every informer relists: whatever was published meanwhile may not have reached the queue.</summary>
public sealed partial class RelistOnReconnect(IEnumerable<IInformer> informers, ILogger<RelistOnReconnect> logger) : IReceiveEndpointObserver
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Uri, int> _readyCounts = new();

    public Task Ready(ReceiveEndpointReady ready)
    {
        if (_readyCounts.AddOrUpdate(ready.InputAddress, 1, (_, count) => count + 1) > 1)
        {
            LogReconnected(ready.InputAddress);
            foreach (var informer in informers) informer.RequestRelist();
        }
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;
    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;
    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Queue {Address} is ready again: relisting every informer")]
    private partial void LogReconnected(Uri address);
}
