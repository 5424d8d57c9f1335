using EventOrch.ServiceProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace EventOrch.ServiceProxy.Metrics;

/// <summary>Records each request for a service, from the start of the proxy pipeline to its end (retries and the
/// no-endpoints 503 included). First in the proxy pipeline.</summary>
public sealed class ServiceMetricsMiddleware(RequestDelegate next, ProxyMetrics metrics, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            metrics.ServiceRequest(ServiceOf(context), time.GetElapsedTime(started).TotalSeconds, Failed(context));
        }
    }

    internal static string ServiceOf(HttpContext context)
    {
        var cluster = context.GetReverseProxyFeature().Cluster.Config;
        return cluster.Metadata?.GetValueOrDefault(ProxyMetadata.Service) ?? cluster.ClusterId;
    }

    // A 5xx, or a forwarding error (the request may have been answered by the proxy itself).
    internal static bool Failed(HttpContext context) =>
        context.Response.StatusCode >= 500 || context.Features.Get<IForwarderErrorFeature>() is not null;
}

/// <summary>Records each attempt at a destination, and per backend pod for the reports to the Api. Last in the proxy pipeline, around the forwarder.</summary>
public sealed class DestinationMetricsMiddleware(RequestDelegate next, ProxyMetrics metrics, PodTrafficWindows pods, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (context.GetReverseProxyFeature().ProxiedDestination is { } destination)
            {
                var service = ServiceMetricsMiddleware.ServiceOf(context);
                var seconds = time.GetElapsedTime(started).TotalSeconds;
                var failed = ServiceMetricsMiddleware.Failed(context);
                metrics.DestinationRequest(service, destination.DestinationId, seconds, failed);
                if (destination.Model.Config.Metadata is { } pod && pod.TryGetValue(ProxyMetadata.PodName, out var name))
                    pods.Record(service, pod.GetValueOrDefault(ProxyMetadata.PodNamespace) ?? "", name, seconds, failed);
            }
        }
    }
}
