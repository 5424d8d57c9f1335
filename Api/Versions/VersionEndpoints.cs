using EventOrch.Api.Discovery;
using EventOrch.Api.Endpoints;
using EventOrch.Api.Resources;
using EventOrch.Api.Tables;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Versions;

/// <summary>Maps a stored kind at the paths of another version it is served in (autoscaling/v1 beside autoscaling/v2):
/// the verbs and subresources of <see cref="ResourceEndpoints.MapResource{T}"/>, registered for discovery and OpenAPI
/// under that version. For namespaced kinds; map the stored version first: discovery prefers the first version registered.</summary>
public static class VersionEndpoints
{
    public static IEndpointRouteBuilder MapVersion<TStored, TView>(this IEndpointRouteBuilder app, IServedVersion<TStored, TView> version)
        where TStored : class, IKubeObject where TView : class, IKubeObject
    {
        var kind = version.Kind;
        var handlers = new VersionHandlers<TStored, TView>(version);
        var collection = $"{kind.PathPrefix}/namespaces/{{namespace}}/{kind.Plural}";
        var item = $"{collection}/{{name}}";
        var group = app.MapGroup("").RequireAuthorization().WithTags($"{kind.Plural} ({kind.ApiVersion})");

        group.MapGet(collection, handlers.List).WithTableOutput(kind);
        group.MapGet($"{kind.PathPrefix}/{kind.Plural}", handlers.List).WithTableOutput(kind);
        group.MapPost(collection, handlers.Create);
        group.MapGet(item, handlers.Get).WithTableOutput(kind);
        group.MapPut(item, handlers.Replace);
        group.MapPatch(item, handlers.Patch);
        group.MapDelete(item, handlers.Delete);
        group.MapGet($"{item}/status", handlers.GetStatus).WithTableOutput(kind);
        group.MapPut($"{item}/status", handlers.ReplaceStatus);
        group.MapPatch($"{item}/status", handlers.PatchStatus);
        group.MapDelete(collection, handlers.DeleteCollection);
        var watchCollection = $"{kind.PathPrefix}/watch/namespaces/{{namespace}}/{kind.Plural}";
        group.MapGet(watchCollection, (HttpContext http, ResourceDefinition<TStored> definition, string @namespace) =>
            WatchHandlers<TStored>.WatchAsync(http, definition, @namespace, null, handlers.WatchView));
        group.MapGet($"{watchCollection}/{{name}}", (HttpContext http, ResourceDefinition<TStored> definition, string @namespace, string name) =>
            WatchHandlers<TStored>.WatchAsync(http, definition, @namespace, name, handlers.WatchView));
        group.MapGet($"{kind.PathPrefix}/watch/{kind.Plural}", (HttpContext http, ResourceDefinition<TStored> definition) =>
            WatchHandlers<TStored>.WatchAsync(http, definition, null, null, handlers.WatchView));

        app.ServedResources()
            .Resource<TView>(kind, [.. ResourceEndpoints.ObjectVerbs, Verbs.DeleteCollection])
            .Subresource<TView>(kind, "status", null, ResourceEndpoints.StatusVerbs);
        return app;
    }
}
