using EventOrch.Api.OpenApi;
using EventOrch.Api.Requests;

namespace EventOrch.Api.Endpoints;

/// <summary>The OpenAPI documents: /openapi/v3 (an index of group-versions), /openapi/v3/api/v1 and
/// /openapi/v3/apis/{group}/{version}, and /openapi/v2. JSON only: a caller that accepts nothing else (the protobuf
/// client-go asks for first) gets 406 Not Acceptable.</summary>
public static class OpenApiEndpoints
{
    public static IEndpointRouteBuilder MapOpenApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/openapi").RequireAuthorization().WithTags("openapi");
        group.MapGet("/v2", (HttpContext http, OpenApiDocuments documents) =>
            Json(http) ?? documents.V2().ToResult(http));
        group.MapGet("/v3", (HttpContext http, OpenApiDocuments documents) =>
            Json(http) ?? documents.V3Index().ToResult(http));
        group.MapGet("/v3/api/{version}", (HttpContext http, OpenApiDocuments documents, string version, string? hash) =>
            Json(http) ?? GroupVersion(http, documents, OpenApiDocuments.V3Path("", version), hash));
        group.MapGet("/v3/apis/{group}/{version}", (HttpContext http, OpenApiDocuments documents, string group, string version, string? hash) =>
            Json(http) ?? GroupVersion(http, documents, OpenApiDocuments.V3Path(group, version), hash));
        return app;
    }

    // A URL with the current hash names a document that never changes; one with an old hash is sent to the current.
    private static IResult GroupVersion(HttpContext http, OpenApiDocuments documents, string path, string? hash)
    {
        if (documents.V3(path) is not { } document) return KubeResults.Error(ApiErrors.PathNotFound(http.Request.Path));
        if (!string.IsNullOrEmpty(hash) && hash != document.Hash)
            return Results.Redirect($"/openapi/v3/{path}?hash={document.Hash}", permanent: true);
        return document.ToResult(http, immutable: !string.IsNullOrEmpty(hash));
    }

    // Null when the caller accepts JSON; otherwise the 406 to answer with.
    private static IResult? Json(HttpContext http)
    {
        var ranges = AcceptHeader.Parse(http.Request);
        if (ranges.Count == 0 || ranges.Any(r => r.IsPlainJson)) return null;
        return KubeResults.Error(ApiErrors.NotAcceptable(http.Request.Headers.Accept.ToString(), "application/json"));
    }
}
