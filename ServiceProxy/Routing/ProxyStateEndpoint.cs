using Yarp.ReverseProxy;

namespace EventOrch.ServiceProxy.Routing;

/// <summary>/debug/proxy on the admin port: every cluster with its destinations, their passive health and requests in
/// flight, to see at a glance which pods a service reaches and which were ejected.</summary>
public static class ProxyStateEndpoint
{
    public static IEndpointConventionBuilder MapProxyState(this IEndpointRouteBuilder app) =>
        app.MapGet("/debug/proxy", (IProxyStateLookup state) => Results.Json(new
        {
            clusters = state.GetClusters().OrderBy(c => c.ClusterId, StringComparer.Ordinal).Select(c => new
            {
                id = c.ClusterId,
                loadBalancing = c.Model.Config.LoadBalancingPolicy,
                destinations = c.Destinations.Values.OrderBy(d => d.DestinationId, StringComparer.Ordinal).Select(d => new
                {
                    id = d.DestinationId,
                    address = d.Model.Config.Address,
                    health = d.Health.Passive.ToString(),
                    inFlight = d.ConcurrentRequestCount,
                }),
            }),
        }));
}
