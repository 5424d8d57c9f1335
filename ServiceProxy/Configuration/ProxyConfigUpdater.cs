using System.Threading.Channels;
using EventOrch.ClientRuntime.Informers;
using EventOrch.ServiceProxy.Listeners;
using EventOrch.ServiceProxy.Metrics;
using Microsoft.Extensions.Options;
using Service = EventOrch.Contracts.Model.Service;
using Endpoints = EventOrch.Contracts.Model.Endpoints;
using Ingress = EventOrch.Contracts.Model.Ingress;

namespace EventOrch.ServiceProxy.Configuration;

/// <summary>Rebuilds the proxy's snapshot whenever a Service, an Endpoints object or an Ingress changes in the caches, then hands
/// it to YARP and to the node-port listeners. Changes that arrive while a build runs are folded into the next build,
/// so a relist of thousands of objects costs a few builds, not thousands.</summary>
public sealed partial class ProxyConfigUpdater(
    Informer<Service> services,
    Informer<Endpoints> endpoints,
    Informer<Ingress> ingresses,
    ServiceProxyConfigProvider provider,
    ProxyListeners listeners,
    ProxyMetrics metrics,
    IOptions<ProxyOptions> options,
    ILogger<ProxyConfigUpdater> logger) : BackgroundService
{
    private readonly Channel<bool> _dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await services.WaitForSyncAsync(stoppingToken);
        await endpoints.WaitForSyncAsync(stoppingToken);
        await ingresses.WaitForSyncAsync(stoppingToken);
        services.Cache.Changed += OnServiceChanged;
        endpoints.Cache.Changed += OnEndpointsChanged;
        ingresses.Cache.Changed += OnIngressChanged;
        try
        {
            _dirty.Writer.TryWrite(true);
            while (await _dirty.Reader.WaitToReadAsync(stoppingToken))
            {
                _dirty.Reader.TryRead(out _);
                Publish();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            services.Cache.Changed -= OnServiceChanged;
            endpoints.Cache.Changed -= OnEndpointsChanged;
            ingresses.Cache.Changed -= OnIngressChanged;
        }
    }

    private void Publish()
    {
        var snapshot = ProxyConfigBuilder.Build(services.Cache.List(), endpoints.Cache.Get, options.Value.HealthWindow, ingresses.Cache.List());
        // Routes first, then listeners: a new node port never accepts a request before its route exists.
        provider.Update(snapshot);
        listeners.SetNodePorts(snapshot.NodePorts);
        metrics.Retain(snapshot);
        LogPublished(snapshot.ServiceNames.Count, snapshot.Routes.Count, snapshot.Clusters.Sum(c => c.Destinations?.Count ?? 0), snapshot.NodePorts.Count);
    }

    private void OnServiceChanged(Service? old, Service? current) => _dirty.Writer.TryWrite(true);

    private void OnEndpointsChanged(Endpoints? old, Endpoints? current) => _dirty.Writer.TryWrite(true);

    private void OnIngressChanged(Ingress? old, Ingress? current) => _dirty.Writer.TryWrite(true);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug,
        Message = "Proxy configuration published: {Services} services, {Routes} routes, {Destinations} destinations, {NodePorts} node ports")]
    private partial void LogPublished(int services, int routes, int destinations, int nodePorts);
}
