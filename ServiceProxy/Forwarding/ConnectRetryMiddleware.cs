using System.Net.Sockets;
using EventOrch.ServiceProxy.Configuration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace EventOrch.ServiceProxy.Forwarding;

/// <summary>Retries a request on another destination when connecting to the chosen one failed, or the connection was
/// reset before any response came (a pod stopping: Docker's port proxy accepts and then resets, and a kept-alive
/// connection to it is reset), as long as the request is idempotent and has no body (so nothing was consumed, and
/// sending it twice is harmless) and nothing was sent back yet. YARP has no
/// retries; this is the pattern its maintainers suggest (dotnet/yarp#56): a proxy-pipeline middleware before load
/// balancing that runs the rest of the pipeline again with the failed destination left out. Passive health, further
/// down the pipeline, still sees every failed attempt, so a dead destination is soon ejected.</summary>
public sealed partial class ConnectRetryMiddleware(RequestDelegate next, IOptions<ProxyOptions> options, ILogger<ConnectRetryMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsRetriable(context.Request, context.Features))
        {
            await next(context);
            return;
        }
        var proxy = context.GetReverseProxyFeature();
        var candidates = proxy.AvailableDestinations;
        for (var attempt = 1; ; attempt++)
        {
            await next(context);
            var error = context.Features.Get<IForwarderErrorFeature>();
            if (error is null || !(IsConnectFailure(error) || IsResetBeforeResponse(error)) || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested) return;
            if (attempt >= options.Value.MaxConnectAttempts || proxy.ProxiedDestination is not { } failed) return;
            var remaining = candidates.Where(d => !ReferenceEquals(d, failed)).ToList();
            if (remaining.Count == 0) return;
            LogRetrying(proxy.Cluster.Config.ClusterId, failed.DestinationId, attempt);
            candidates = remaining;
            proxy.AvailableDestinations = remaining;
            proxy.ProxiedDestination = null;
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
        }
    }

    /// <summary>GET, HEAD, OPTIONS and TRACE, and PUT and DELETE, when the request carries no body.</summary>
    public static bool IsRetriable(HttpRequest request, IFeatureCollection features)
    {
        var idempotent = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || HttpMethods.IsTrace(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsDelete(request.Method);
        return idempotent && features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false };
    }

    /// <summary>The destination could not be reached at all (refused, unreachable, connect timeout): the request never left.</summary>
    public static bool IsConnectFailure(IForwarderErrorFeature error)
    {
        if (error.Error is not (ForwarderError.Request or ForwarderError.RequestTimedOut)) return false;
        for (var e = error.Exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }) return true;
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable }) return true;
            // SocketsHttpHandler's ConnectTimeout: a cancellation whose cause is a TimeoutException.
            if (e is TimeoutException && error.Error == ForwarderError.RequestTimedOut) return true;
        }
        return false;
    }

    /// <summary>The destination took the request and then reset or closed the connection before any response: what a
    /// stopping destination does.</summary>
    public static bool IsResetBeforeResponse(IForwarderErrorFeature error)
    {
        if (error.Error != ForwarderError.Request) return false;
        for (var e = error.Exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }) return true;
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionReset }) return true;
        }
        return false;
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Debug, Message = "Could not connect to {Destination} of {Cluster}, or it reset the connection (attempt {Attempt}); trying another destination")]
    private partial void LogRetrying(string cluster, string destination, int attempt);
}
