using EventOrch.Api.Audit;
using EventOrch.Api.Discovery;
using EventOrch.Api.Resources;
using EventOrch.Api.Tables;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Endpoints;

/// <summary>Maps one kind at its Kubernetes paths.</summary>
public static class ResourceEndpoints
{
    /// <summary>The verbs of a kind's collection and items, with the query parameters each honours, as discovery and
    /// OpenAPI list them (deletecollection, for the kinds that serve it, is added apart).</summary>
    internal static readonly ServedVerb[] ObjectVerbs =
    [
        new(Verbs.List, QueryParameters.List),
        new(Verbs.Create, QueryParameters.Write),
        new(Verbs.Get, QueryParameters.Get),
        new(Verbs.Update, QueryParameters.Write),
        new(Verbs.Patch, QueryParameters.Write),
        new(Verbs.Delete, QueryParameters.Delete),
        Verbs.Watch,
    ];

    /// <summary>The verbs of the status subresource.</summary>
    internal static readonly ServedVerb[] StatusVerbs =
        [new(Verbs.Get, QueryParameters.Get), new(Verbs.Update, QueryParameters.Write), new(Verbs.Patch, QueryParameters.Write)];

    public static IEndpointRouteBuilder MapResource<T>(this IEndpointRouteBuilder app) where T : class, IKubeObject
    {
        var definition = app.ServiceProvider.GetRequiredService<ResourceDefinition<T>>();
        var kind = definition.Kind;
        var prefix = kind.PathPrefix;
        var collection = kind.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{kind.Plural}" : $"{prefix}/{kind.Plural}";
        var item = $"{collection}/{{name}}";
        var group = app.MapGroup("").RequireAuthorization().WithTags(kind.Plural);

        group.MapGet(collection, ResourceHandlers<T>.List).WithTableOutput(kind);
        if (kind.Namespaced) group.MapGet($"{prefix}/{kind.Plural}", ResourceHandlers<T>.List).WithTableOutput(kind);
        group.MapPost(collection, ResourceHandlers<T>.Create);
        group.MapGet(item, ResourceHandlers<T>.Get).WithTableOutput(kind);
        group.MapPut(item, ResourceHandlers<T>.Replace);
        group.MapPatch(item, ResourceHandlers<T>.Patch);
        group.MapDelete(item, ResourceHandlers<T>.Delete);
        app.ServedResources().Resource<T>(kind, ObjectVerbs);
        // Only a kind with a status has the status subresource (ConfigMaps, Secrets and Endpoints have none).
        if (typeof(T).GetProperty("Status") is not null)
        {
            group.MapGet($"{item}/status", ResourceHandlers<T>.GetStatus).WithTableOutput(kind);
            group.MapPut($"{item}/status", ResourceHandlers<T>.ReplaceStatus);
            group.MapPatch($"{item}/status", ResourceHandlers<T>.PatchStatus);
            app.ServedResources().Subresource<T>(kind, "status", null, StatusVerbs);
        }
        if (definition.ServesDeleteCollection)
        {
            group.MapDelete(collection, ResourceHandlers<T>.DeleteCollection);
            app.ServedResources().Resource<T>(kind, Verbs.DeleteCollection);
        }
        // The deprecated watch paths: /api/v1/watch/namespaces/{namespace}/pods[/{name}], /api/v1/watch/pods.
        var watchCollection = kind.Namespaced ? $"{prefix}/watch/namespaces/{{namespace}}/{kind.Plural}" : $"{prefix}/watch/{kind.Plural}";
        group.MapGet(watchCollection, (HttpContext http, ResourceDefinition<T> definition, string? @namespace) =>
            WatchHandlers<T>.Legacy(http, definition, @namespace, null));
        group.MapGet($"{watchCollection}/{{name}}", WatchHandlers<T>.Legacy);
        if (kind.Namespaced)
            group.MapGet($"{prefix}/watch/{kind.Plural}", (HttpContext http, ResourceDefinition<T> definition) =>
                WatchHandlers<T>.Legacy(http, definition, null, null));
        // Every stored kind has its history and its causes.
        app.MapHistory<T>();
        return app;
    }
}
