using EventOrch.Api.Discovery;
using EventOrch.Api.Requests;

namespace EventOrch.Api.Endpoints;

/// <summary>Discovery, as kubectl and client-go read it before anything else: /api, /apis, /apis/{group} and the
/// resources of each group-version. /api and /apis answer in the aggregated form (apidiscovery.k8s.io/v2) when the
/// Accept header asks for it first, and in the older form otherwise.</summary>
public static class DiscoveryEndpoints
{
    public static IEndpointRouteBuilder MapDiscovery(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").RequireAuthorization().WithTags("discovery");
        group.MapGet("/api", (HttpContext http, DiscoveryDocuments documents) =>
            Aggregated(http) is { } aggregated
                ? documents.Aggregated(core: true, aggregated).ToResult(http)
                : ServedDocument.Json(documents.CoreVersions(http.Request.Host.Value ?? "")).ToResult(http));
        group.MapGet("/apis", (HttpContext http, DiscoveryDocuments documents) =>
            (Aggregated(http) is { } aggregated ? documents.Aggregated(core: false, aggregated) : documents.Groups()).ToResult(http));
        group.MapGet("/apis/{group}", (HttpContext http, DiscoveryDocuments documents, string group) =>
            documents.Group(group)?.ToResult(http) ?? NotFound(http));
        group.MapGet("/api/{version}", (HttpContext http, DiscoveryDocuments documents, string version) =>
            documents.Resources(version)?.ToResult(http) ?? NotFound(http));
        group.MapGet("/apis/{group}/{version}", (HttpContext http, DiscoveryDocuments documents, string group, string version) =>
            documents.Resources($"{group}/{version}")?.ToResult(http) ?? NotFound(http));
        return app;
    }

    // The aggregated media type the caller prefers, or null when it prefers the older documents.
    private static string? Aggregated(HttpContext http)
    {
        foreach (var range in AcceptHeader.Parse(http.Request))
        {
            if (range.Asks("APIGroupDiscoveryList", "apidiscovery.k8s.io", "v2")) return DiscoveryDocuments.AggregatedV2;
            if (range.Asks("APIGroupDiscoveryList", "apidiscovery.k8s.io", "v2beta1")) return DiscoveryDocuments.AggregatedV2Beta1;
            if (range.IsPlainJson) return null;
        }
        return null;
    }

    private static IResult NotFound(HttpContext http) => KubeResults.Error(ApiErrors.PathNotFound(http.Request.Path));
}
