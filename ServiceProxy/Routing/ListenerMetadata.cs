namespace EventOrch.ServiceProxy.Routing;

/// <summary>Endpoint metadata: the listener an endpoint serves. Proxy routes carry theirs; the not-found fallback serves
/// every proxy listener (<see cref="AnyProxyListener"/>); endpoints without it (/healthz, /metrics) serve the admin port only.</summary>
public sealed record ListenerMetadata(string Listener)
{
    public const string AnyProxyListener = "*";
}
