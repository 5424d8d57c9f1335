using EventOrch.Api.Resources;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Endpoints;

/// <summary>Maps one kind at its Kubernetes paths.</summary>
public static class ResourceEndpoints
{
    public static IEndpointRouteBuilder MapResource<T>(this IEndpointRouteBuilder app) where T : class, IKubeObject
    {
        var kind = app.ServiceProvider.GetRequiredService<ResourceDefinition<T>>().Kind;
        var prefix = kind.PathPrefix;
        var collection = kind.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{kind.Plural}" : $"{prefix}/{kind.Plural}";
        var item = $"{collection}/{{name}}";
        var group = app.MapGroup("").RequireAuthorization().WithTags(kind.Plural);

        group.MapGet(collection, ResourceHandlers<T>.List);
        if (kind.Namespaced) group.MapGet($"{prefix}/{kind.Plural}", ResourceHandlers<T>.List);
        group.MapPost(collection, ResourceHandlers<T>.Create);
        group.MapGet(item, ResourceHandlers<T>.Get);
        group.MapPut(item, ResourceHandlers<T>.Replace);
        group.MapPatch(item, ResourceHandlers<T>.Patch);
        group.MapDelete(item, ResourceHandlers<T>.Delete);
        group.MapGet($"{item}/status", ResourceHandlers<T>.Get);
        group.MapPut($"{item}/status", ResourceHandlers<T>.ReplaceStatus);
        group.MapPatch($"{item}/status", ResourceHandlers<T>.PatchStatus);
        // The deprecated watch paths: /api/v1/watch/namespaces/{namespace}/pods[/{name}], /api/v1/watch/pods.
        var watchCollection = kind.Namespaced ? $"{prefix}/watch/namespaces/{{namespace}}/{kind.Plural}" : $"{prefix}/watch/{kind.Plural}";
        group.MapGet(watchCollection, (HttpContext http, ResourceDefinition<T> definition, string? @namespace) =>
            WatchHandlers<T>.Legacy(http, definition, @namespace, null));
        group.MapGet($"{watchCollection}/{{name}}", WatchHandlers<T>.Legacy);
        if (kind.Namespaced)
            group.MapGet($"{prefix}/watch/{kind.Plural}", (HttpContext http, ResourceDefinition<T> definition) =>
                WatchHandlers<T>.Legacy(http, definition, null, null));
        return app;
    }
}
