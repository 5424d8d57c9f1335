using EventOrch.Api.Discovery;
using EventOrch.Api.Requests;
using EventOrch.Api.Tables;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.KubeEvents;

/// <summary>Serves Events, read-only, in core v1 (<c>/api/v1/events</c>, <c>/api/v1/namespaces/{ns}/events</c>) and in
/// events.k8s.io/v1: get, and list with selectors and pages. Every write is refused with 405: Events are a view of the
/// record, not objects of their own.</summary>
public static class KubeEventEndpoints
{
    public static IEndpointRouteBuilder MapKubeEvents(this IEndpointRouteBuilder app)
    {
        Map(app, ResourceKind.Event, EventShape.Core);
        Map(app, ResourceKind.EventsV1Event, EventShape.EventsV1);
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, ResourceKind kind, EventShape shape)
    {
        var collection = $"{kind.PathPrefix}/namespaces/{{namespace}}/{kind.Plural}";
        var item = $"{collection}/{{name}}";
        var group = app.MapGroup("").RequireAuthorization().WithTags($"{kind.Plural} ({kind.ApiVersion})");

        group.MapGet($"{kind.PathPrefix}/{kind.Plural}", (HttpContext http, KubeEventQueries queries, string? labelSelector, string? fieldSelector,
                string? limit, string? @continue, string? watch) => List(http, queries, kind, shape, null, labelSelector, fieldSelector, limit, @continue, watch))
            .WithTableOutput(kind);
        group.MapGet(collection, (HttpContext http, KubeEventQueries queries, string @namespace, string? labelSelector, string? fieldSelector,
                string? limit, string? @continue, string? watch) => List(http, queries, kind, shape, @namespace, labelSelector, fieldSelector, limit, @continue, watch))
            .WithTableOutput(kind);
        group.MapGet(item, (HttpContext http, KubeEventQueries queries, string @namespace, string name) => Get(http, queries, kind, shape, @namespace, name))
            .WithTableOutput(kind);

        group.MapPost(collection, (HttpContext http, string @namespace) => Refuse(http, kind, "create", @namespace, null));
        group.MapDelete(collection, (HttpContext http, string @namespace) => Refuse(http, kind, "deletecollection", @namespace, null));
        group.MapPut(item, (HttpContext http, string @namespace, string name) => Refuse(http, kind, "update", @namespace, name));
        group.MapPatch(item, (HttpContext http, string @namespace, string name) => Refuse(http, kind, "patch", @namespace, name));
        group.MapDelete(item, (HttpContext http, string @namespace, string name) => Refuse(http, kind, "delete", @namespace, name));
        // Discovery lists only what is served: get and list (writes and watch are refused).
        ServedVerb[] verbs = [new(Verbs.List, QueryParameters.Paging), Verbs.Get];
        if (shape == EventShape.Core) app.ServedResources().Resource<KubeEvent>(kind, verbs);
        else app.ServedResources().Resource<EventsV1Event>(kind, verbs);
    }

    private static async Task<IResult> List(HttpContext http, KubeEventQueries queries, ResourceKind kind, EventShape shape, string? @namespace,
        string? labelSelector, string? fieldSelector, string? limit, string? @continue, string? watch)
    {
        if (!Watch.WatchRequest.TryParseBool(_ => watch, "watch", out var watching, out var watchError)) return KubeResults.Error(watchError!);
        if (await http.AuthorizeAsync(watching == true ? "watch" : "list", kind, @namespace, null) is { } denied) return KubeResults.Error(denied);
        if (watching == true)
            return KubeResults.Error(ApiErrors.BadRequest("watch is not served for events: they are a view of the record; list them again (kubectl get events), or watch the object they concern", "watch"));
        var options = ListRequest.Parse(labelSelector, fieldSelector, limit, @continue);
        if (!options.IsSuccess) return KubeResults.Error(options.Error!);
        var page = await queries.ListAsync(@namespace, options.Value!, shape, http.RequestAborted);
        if (page.Error is { } error) return KubeResults.Error(error);
        var meta = new ListMeta { ResourceVersion = page.Value!.ResourceVersion, Continue = page.Value.Continue };
        return shape == EventShape.Core
            ? KubeResults.Object(new ObjectList<KubeEvent> { ApiVersion = kind.ApiVersion, Kind = kind.ListKind, Metadata = meta, Items = [.. page.Value.Items] })
            : KubeResults.Object(new ObjectList<EventsV1Event>
            {
                ApiVersion = kind.ApiVersion,
                Kind = kind.ListKind,
                Metadata = meta,
                Items = [.. page.Value.Items.Select(EventsV1Event.From)],
            });
    }

    private static async Task<IResult> Get(HttpContext http, KubeEventQueries queries, ResourceKind kind, EventShape shape, string @namespace, string name)
    {
        if (await http.AuthorizeAsync("get", kind, @namespace, name) is { } denied) return KubeResults.Error(denied);
        var found = await queries.GetAsync(@namespace, name, http.RequestAborted);
        if (found.Error is { } error) return KubeResults.Error(error with { Details = error.Details! with { Group = kind.Group } });
        return shape == EventShape.Core ? KubeResults.Object(found.Value!) : KubeResults.Object(EventsV1Event.From(found.Value!));
    }

    private static async Task<IResult> Refuse(HttpContext http, ResourceKind kind, string verb, string @namespace, string? name)
    {
        if (await http.AuthorizeAsync(verb, kind, @namespace, name) is { } denied) return KubeResults.Error(denied);
        return KubeResults.Error(MethodNotAllowed(kind, verb, name));
    }

    /// <summary>Kubernetes' answer to a verb a resource does not serve, with why.</summary>
    public static Status MethodNotAllowed(ResourceKind kind, string verb, string? name) => ApiErrors.MethodNotAllowed(
        $"{verb} is not supported on resources of kind \"{(kind.Group.Length == 0 ? kind.Plural : $"{kind.Plural}.{kind.Group}")}\""
            + ": Events are a read-only view of EventOrch's event record (every change to an object is an event the Api appends, kept for good);"
            + " they are made from that record, never written, and never expire")
        with { Details = new StatusDetails { Name = name, Group = kind.Group, Kind = kind.Plural } };
}
