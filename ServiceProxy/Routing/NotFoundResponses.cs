using EventOrch.ServiceProxy.Configuration;
using EventOrch.ServiceProxy.Listeners;

namespace EventOrch.ServiceProxy.Routing;

/// <summary>What a proxy listener answers when no route matches: a 404 that says how services are named and which
/// ones are served, so a typo in a Host is quick to spot.</summary>
public static class NotFoundResponses
{
    private const int MaxListed = 20;

    public static IEndpointConventionBuilder MapProxyNotFound(this IEndpointRouteBuilder app) =>
        app.Map("/{**path}", (HttpContext context, ServiceProxyConfigProvider config, ProxyListeners listeners) =>
                Results.Text(Describe(listeners.ListenerOf(context.Connection.LocalPort), context.Request.Host.Value, config.Current.ServiceNames),
                    "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound))
            .WithMetadata(new ListenerMetadata(ListenerMetadata.AnyProxyListener))
            .WithOrder(int.MaxValue);

    public static string Describe(string? listener, string? host, IReadOnlyList<string> served)
    {
        if (listener is not null && listener != ProxyMetadata.EntryListener)
            return $"no service listens on {listener} any more\n";
        var names = served.Count == 0
            ? "no service is served yet"
            : "served: " + string.Join(", ", served.Take(MaxListed)) + (served.Count > MaxListed ? $" and {served.Count - MaxListed} more" : "");
        return $"no service matches host '{host}'; services are reached as {{service}}.{{namespace}}.svc or {{service}}.{{namespace}}, " +
            $"with :{{port}} for a service port other than the first; {names}\n";
    }
}
