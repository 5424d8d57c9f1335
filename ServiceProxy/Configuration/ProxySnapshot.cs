using Yarp.ReverseProxy.Configuration;

namespace EventOrch.ServiceProxy.Configuration;

/// <summary>Everything the proxy serves at one moment, built from the informer caches at once: YARP's routes and
/// clusters, the node ports to listen on, and the names of the services (for the 404 that lists them).</summary>
public sealed record ProxySnapshot(
    IReadOnlyList<RouteConfig> Routes,
    IReadOnlyList<ClusterConfig> Clusters,
    IReadOnlyList<NodePortListener> NodePorts,
    IReadOnlyList<string> ServiceNames)
{
    public static ProxySnapshot Empty { get; } = new([], [], [], []);
}

/// <summary>A node port to listen on; <paramref name="Http2"/> when the service port carries cleartext HTTP/2 (gRPC).</summary>
public sealed record NodePortListener(int Port, bool Http2, string Service);
