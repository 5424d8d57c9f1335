using EventOrch.ServiceProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace EventOrch.ServiceProxy.Forwarding;

/// <summary>A service with no ready endpoint answers 503 with a body that says so, instead of YARP's empty 503.</summary>
public sealed class NoReadyEndpointsMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        if (proxy.AvailableDestinations.Count > 0) return next(context);
        var service = proxy.Cluster.Config.Metadata?.GetValueOrDefault(ProxyMetadata.Service) ?? proxy.Cluster.Config.ClusterId;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync($"no ready endpoints for service {service}\n", context.RequestAborted);
    }
}
