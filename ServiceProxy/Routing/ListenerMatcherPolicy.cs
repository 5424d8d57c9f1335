using EventOrch.ServiceProxy.Listeners;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace EventOrch.ServiceProxy.Routing;

/// <summary>Keeps each listener to its own endpoints, by the local port of the connection: the entry point serves the
/// Host-matched routes, a node port its service's route, and the admin port only the admin endpoints, so a proxied
/// request for "/healthz" reaches the service and a node port never shows /metrics.</summary>
public sealed class ListenerMatcherPolicy(ProxyListeners listeners) : MatcherPolicy, IEndpointSelectorPolicy
{
    // After the built-in policies (Host, HTTP method), which only narrow the candidates further.
    public override int Order => 1000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => true;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var listener = listeners.ListenerOf(httpContext.Connection.LocalPort);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i)) continue;
            var served = candidates[i].Endpoint.Metadata.GetMetadata<ListenerMetadata>()?.Listener;
            var valid = served switch
            {
                null => listener is null,
                ListenerMetadata.AnyProxyListener => listener is not null,
                _ => served == listener,
            };
            if (!valid) candidates.SetValidity(i, false);
        }
        return Task.CompletedTask;
    }
}
