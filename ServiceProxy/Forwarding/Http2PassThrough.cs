using System.Net;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace EventOrch.ServiceProxy.Forwarding;

/// <summary>The destination is spoken to in the client's HTTP version: a request that came in over cleartext HTTP/2
/// (gRPC) goes out over HTTP/2 with prior knowledge; everything else over HTTP/1.1. YARP's default (HTTP/2 or lower)
/// would fall back to HTTP/1.1 for every http:// destination, which gRPC cannot use.</summary>
public static class Http2PassThrough
{
    public static void Apply(TransformBuilderContext context) => context.AddRequestTransform(transform =>
    {
        // A WebSocket over HTTP/2 arrives as extended CONNECT; YARP turns it into an HTTP/1.1 upgrade itself.
        if (HttpProtocol.IsHttp2(transform.HttpContext.Request.Protocol) && transform.ProxyRequest.Method != HttpMethod.Connect
            && !transform.HttpContext.WebSockets.IsWebSocketRequest)
        {
            transform.ProxyRequest.Version = HttpVersion.Version20;
            transform.ProxyRequest.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
        return ValueTask.CompletedTask;
    });
}
