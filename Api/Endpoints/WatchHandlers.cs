using EventOrch.Api.Requests;
using EventOrch.Api.Resources;
using EventOrch.Api.Watch;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;

namespace EventOrch.Api.Endpoints;

/// <summary>Watch on a kind's collection (<c>?watch=1</c>) and at the legacy <c>/watch/</c> paths: parse, authorise,
/// then start from the watch cache.</summary>
public static class WatchHandlers<T> where T : class, IKubeObject
{
    /// <summary>A watch of the collection in <paramref name="namespace"/> (every namespace when null); <paramref name="name"/>
    /// is set by a legacy path naming one object; <paramref name="view"/> when the watch is of another served version.</summary>
    public static async Task<IResult> WatchAsync(HttpContext http, ResourceDefinition<T> definition, string? @namespace, string? name,
        WatchView? view = null)
    {
        var kind = view?.Kind ?? definition.Kind;
        string? Query(string key) => http.Request.Query[key].FirstOrDefault();
        // Authorisation comes first, as in Kubernetes; a watch of one object (a legacy path's name, or fieldSelector
        // metadata.name=...) is authorised for that name.
        var watchedName = name ?? (FieldSelector.TryParse(Query("fieldSelector"), out var fields, out _)
            && fields.TryGetExactMatch("metadata.name", out var selected) ? selected : null);
        if (await http.AuthorizeAsync("watch", kind, @namespace, watchedName) is { } denied) return KubeResults.Error(denied);
        var parsed = WatchRequest.Parse(Query, definition.IsSelectable, name);
        if (!parsed.IsSuccess) return KubeResults.Error(parsed.Error!);
        var request = parsed.Value!;
        var encoder = WatchObjectEncoders.For(http, definition, view);
        if (!encoder.IsSuccess) return KubeResults.Error(encoder.Error!);

        var cache = http.RequestServices.GetRequiredService<WatchCache>();
        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<WatchOptions>>().Value;
        var cancellationToken = http.RequestAborted;
        if (!await cache.WaitForAsync(0, options.CatchUpWait, cancellationToken))
            return KubeResults.Error(ApiErrors.TooManyRequests("storage is (re)initializing"));

        var filter = new WatchFilter(http.RequestServices.GetRequiredService<WatchedKind<T>>(), @namespace, request.Labels, request.Fields);
        // Without a resourceVersion the watch sees at least everything committed before it arrived; with one, it
        // waits for the cache to get there (a client that has just written watches from its write's resourceVersion).
        var minimum = request.Consistent ? await cache.StoreResourceVersionAsync(cancellationToken) : request.ResourceVersion;
        if (!await cache.WaitForAsync(minimum, options.CatchUpWait, cancellationToken))
            return WatchStream.Failed(kind, request, filter, encoder.Value!, ApiErrors.TooLargeResourceVersion(minimum, cache.ResourceVersion));

        long? after = request.InitialEvents || request.ResourceVersion == 0 ? null : request.ResourceVersion;
        var subscription = cache.Subscribe(typeof(T), @namespace, after, withObjects: request.InitialEvents);
        return subscription.IsSuccess
            ? WatchStream.Of(kind, request, filter, encoder.Value!, subscription.Value!)
            : WatchStream.Failed(kind, request, filter, encoder.Value!, subscription.Error!);
    }

    /// <summary>GET {prefix}/watch/[namespaces/{namespace}/]{plural}[/{name}]: the deprecated form of ?watch=1.</summary>
    public static Task<IResult> Legacy(HttpContext http, ResourceDefinition<T> definition, string? @namespace, string? name) =>
        WatchAsync(http, definition, definition.Kind.Namespaced ? @namespace : null, name);
}
