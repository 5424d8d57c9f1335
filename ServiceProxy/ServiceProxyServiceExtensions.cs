using EventOrch.ClientRuntime.Hosting;
using EventOrch.Contracts.Kinds;
using EventOrch.ServiceProxy.Configuration;
using EventOrch.ServiceProxy.Forwarding;
using EventOrch.ServiceProxy.Listeners;
using EventOrch.ServiceProxy.LoadBalancing;
using EventOrch.ServiceProxy.Metrics;
using EventOrch.ServiceProxy.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace EventOrch.ServiceProxy;

/// <summary>Everything the ServiceProxy host registers.</summary>
public static class ServiceProxyServiceExtensions
{
    // Failures a destination needs within the health window before its failure rate counts: one refused connection
    // on a fresh destination is enough to look at, but a lone failure among many successes is not.
    private const int MinimalRequestsForHealth = 3;

    /// <summary>Informers for Services and Endpoints, YARP fed from them, and the listeners that follow the node ports.</summary>
    public static IHostApplicationBuilder AddServiceProxyServices(this IHostApplicationBuilder builder)
    {
        builder.AddComponent("service-proxy", component => component
            .AddInformer(ServiceEvolver.Instance)
            .AddInformer(EndpointsEvolver.Instance)
            .AddInformer(IngressEvolver.Instance));

        var services = builder.Services;
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ServiceProxyConfigProvider>();
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<ServiceProxyConfigProvider>());
        services.AddSingleton<ProxyListeners>();
        services.AddSingleton<ProxyMetrics>();
        services.AddSingleton<PodTrafficWindows>();
        services.AddOptions<TrafficReportOptions>().BindConfiguration(TrafficReportOptions.Section)
            .Validate(o => o.Interval >= TimeSpan.FromMilliseconds(100), "Metrics:Interval must be at least 100 ms").ValidateOnStart();
        services.AddHostedService<TrafficReporter>();
        services.AddHostedService<ProxyConfigUpdater>();
        services.AddOptions<KestrelServerOptions>().Configure<ProxyListeners>((kestrel, listeners) =>
            kestrel.Configure(listeners.Configuration, reloadOnChange: true));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, ListenerMatcherPolicy>());

        services.AddReverseProxy().AddTransforms(Http2PassThrough.Apply);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoadBalancingPolicy, ClientIPAffinityPolicy>());
        services.AddOptions<TransportFailureRateHealthPolicyOptions>().Configure<IOptions<ProxyOptions>>((health, proxy) =>
        {
            health.DetectionWindowSize = proxy.Value.HealthWindow;
            health.MinimalTotalCountThreshold = MinimalRequestsForHealth;
        });
        return builder;
    }

    /// <summary>The admin endpoints (/healthz, /readyz, /debug/cache, /metrics, /debug/proxy) and the proxy itself.</summary>
    public static WebApplication MapServiceProxy(this WebApplication app)
    {
        app.MapComponentEndpoints();
        app.MapGet("/metrics", (ProxyMetrics metrics) => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));
        app.MapProxyState();
        app.MapReverseProxy(proxy =>
            {
                proxy.UseMiddleware<ServiceMetricsMiddleware>();
                proxy.UseMiddleware<NoReadyEndpointsMiddleware>();
                proxy.UseMiddleware<ConnectRetryMiddleware>();
                proxy.UseLoadBalancing();
                proxy.UsePassiveHealthChecks();
                proxy.UseMiddleware<DestinationMetricsMiddleware>();
            })
            .ConfigureEndpoints((endpoint, route) =>
                endpoint.WithMetadata(new ListenerMetadata(route.Metadata?.GetValueOrDefault(ProxyMetadata.Listener) ?? ProxyMetadata.EntryListener)));
        app.MapProxyNotFound();
        return app;
    }
}
