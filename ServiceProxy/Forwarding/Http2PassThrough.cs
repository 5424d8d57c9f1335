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
        // Only YARP's default (2.0 or lower) is changed: for a WebSocket over HTTP/2 (extended CONNECT) YARP has
        // already chosen an HTTP/1.1 upgrade, and that must stay.
        var outgoing = transform.ProxyRequest;
        if (HttpProtocol.IsHttp2(transform.HttpContext.Request.Protocol)
            && outgoing.Version == HttpVersion.Version20 && outgoing.VersionPolicy == HttpVersionPolicy.RequestVersionOrLower)
        {
            outgoing.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
        return ValueTask.CompletedTask;
    });
}
