using EventOrch.Api.Requests;
using EventOrch.Api.Requests.Patching;
using EventOrch.Api.Resources;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;

namespace EventOrch.Api.Endpoints;

/// <summary>The REST verbs of one kind: parse and authorise the request, then hand it to the store.</summary>
public static class ResourceHandlers<T> where T : class, IKubeObject
{
    public static async Task<IResult> List(HttpContext http, ResourceDefinition<T> definition, ObjectQueries<T> queries,
        string? @namespace, string? labelSelector, string? fieldSelector, string? limit, string? @continue, string? watch, string? asOf)
    {
        @namespace = Scope(definition, @namespace);
        if (!Watch.WatchRequest.TryParseBool(_ => watch, "watch", out var watching, out var watchError)) return KubeResults.Error(watchError!);
        if (watching == true)
        {
            return string.IsNullOrEmpty(asOf)
                ? await WatchHandlers<T>.WatchAsync(http, definition, @namespace, name: null)
                : KubeResults.Error(ApiErrors.BadRequest("asOf cannot be used with watch: a watch follows changes from now on; list as of a point, then watch from its resourceVersion", "asOf"));
        }
        if (await http.AuthorizeAsync("list", definition.Kind, @namespace, null) is { } denied) return KubeResults.Error(denied);
        var options = ListRequest.Parse(labelSelector, fieldSelector, limit, @continue, asOf);
        if (!options.IsSuccess) return KubeResults.Error(options.Error!);
        var result = await queries.ListAsync(@namespace, options.Value!, http.RequestAborted);
        return KubeResults.From(http, result);
    }

    public static Task<IResult> Get(HttpContext http, ResourceDefinition<T> definition, ObjectQueries<T> queries, string? @namespace, string name,
        string? asOf) => GetCore(http, definition, queries, @namespace, name, asOf, subresource: null);

    /// <summary>GET of the status subresource: the same object, authorised as <c>get</c> of <c>{resource}/status</c>.</summary>
    public static Task<IResult> GetStatus(HttpContext http, ResourceDefinition<T> definition, ObjectQueries<T> queries, string? @namespace, string name,
        string? asOf) => GetCore(http, definition, queries, @namespace, name, asOf, subresource: "status");

    private static async Task<IResult> GetCore(HttpContext http, ResourceDefinition<T> definition, ObjectQueries<T> queries, string? @namespace,
        string name, string? asOf, string? subresource)
    {
        @namespace = Scope(definition, @namespace);
        if (await http.AuthorizeAsync("get", definition.Kind, @namespace, name, subresource) is { } denied) return KubeResults.Error(denied);
        return KubeResults.From(http, string.IsNullOrEmpty(asOf)
            ? await queries.GetAsync(@namespace ?? "", name, http.RequestAborted)
            : await queries.GetAsOfAsync(@namespace ?? "", name, asOf, http.RequestAborted));
    }

    public static async Task<IResult> Create(HttpContext http, ResourceDefinition<T> definition, ObjectStore<T> store, string? @namespace, string? fieldValidation)
    {
        @namespace = Scope(definition, @namespace);
        if (await http.AuthorizeAsync("create", definition.Kind, @namespace, null) is { } denied) return KubeResults.Error(denied);
        var body = await RequestBody.ReadObjectAsync<T>(http.Request, definition.Kind, fieldValidation, null, http.RequestAborted);
        if (!body.IsSuccess) return KubeResults.Error(body.Error!);
        var result = await store.CreateAsync(@namespace ?? "", body.Value!, http.WriteContext(), http.RequestAborted);
        return KubeResults.From(http, result with { Warnings = body.Warnings }, 201);
    }

    public static Task<IResult> Replace(HttpContext http, ResourceDefinition<T> definition, ObjectStore<T> store, string? @namespace, string name, string? fieldValidation) =>
        ReplaceCore(http, definition, store, @namespace, name, fieldValidation, statusOnly: false);

    public static Task<IResult> ReplaceStatus(HttpContext http, ResourceDefinition<T> definition, ObjectStore<T> store, string? @namespace, string name, string? fieldValidation) =>
        ReplaceCore(http, definition, store, @namespace, name, fieldValidation, statusOnly: true);

    public static Task<IResult> Patch(HttpContext http, ResourceDefinition<T> definition, ObjectStore<T> store, string? @namespace, string name, string? fieldValidation) =>
        PatchCore(http, definition, store, @namespace, name, fieldValidation, statusOnly: false);

    public static Task<IResult> PatchStatus(HttpContext http, ResourceDefinition<T> definition, ObjectStore<T> store, string? @namespace, string name, string? fieldValidation) =>
        PatchCore(http, definition, store, @namespace, name, fieldValidation, statusOnly: true);

    public static async Task<IResult> Delete(HttpContext http, ResourceDefinition<T> definition, ObjectStore<T> store, string? @namespace, string name,
        string? gracePeriodSeconds)
    {
        @namespace = Scope(definition, @namespace);
        if (await http.AuthorizeAsync("delete", definition.Kind, @namespace, name) is { } denied) return KubeResults.Error(denied);
        var options = await DeleteOptionsReader.ReadAsync(http.Request, gracePeriodSeconds, http.RequestAborted);
        if (!options.IsSuccess) return KubeResults.Error(options.Error!);
        var result = await store.DeleteAsync(@namespace ?? "", name, options.Value, http.WriteContext(), http.RequestAborted);
        return KubeResults.From(http, result);
    }

    /// <summary>DELETE of a collection: every object the selectors match is deleted as a DELETE of it would be (with the
    /// same DeleteOptions); the answer lists them as they were left (those still terminating or waiting for finalizers
    /// with their deletionTimestamp).</summary>
    public static async Task<IResult> DeleteCollection(HttpContext http, ResourceDefinition<T> definition, ObjectQueries<T> queries,
        ObjectStore<T> store, string? @namespace, string? labelSelector, string? fieldSelector, string? gracePeriodSeconds)
    {
        @namespace = Scope(definition, @namespace);
        if (await http.AuthorizeAsync("deletecollection", definition.Kind, @namespace, null) is { } denied) return KubeResults.Error(denied);
        if (!LabelSelector.TryParse(labelSelector, out var labels, out var labelError))
            return KubeResults.Error(ApiErrors.BadRequest(labelError!, "labelSelector"));
        if (!FieldSelector.TryParse(fieldSelector, out var fields, out var fieldError))
            return KubeResults.Error(ApiErrors.BadRequest(fieldError!, "fieldSelector"));
        var options = await DeleteOptionsReader.ReadAsync(http.Request, gracePeriodSeconds, http.RequestAborted);
        if (!options.IsSuccess) return KubeResults.Error(options.Error!);
        var matching = await queries.ListAsync(@namespace, new ListOptions(labels, fields, null, null), http.RequestAborted);
        if (!matching.IsSuccess) return KubeResults.Error(matching.Error!);

        var deleted = new List<T>();
        foreach (var item in matching.Value!.Items)
        {
            var result = await store.DeleteAsync(item.Metadata.Namespace ?? "", item.Metadata.Name!, options.Value, http.WriteContext(), http.RequestAborted);
            if (result.IsSuccess) deleted.Add(result.Value!);
            else if (result.Error!.Code != 404) return KubeResults.Error(result.Error);
        }
        return KubeResults.Object(matching.Value with { Items = deleted });
    }

    private static async Task<IResult> ReplaceCore(HttpContext http, ResourceDefinition<T> definition, ObjectStore<T> store,
        string? @namespace, string name, string? fieldValidation, bool statusOnly)
    {
        @namespace = Scope(definition, @namespace);
        if (await http.AuthorizeAsync("update", definition.Kind, @namespace, name, statusOnly ? "status" : null) is { } denied) return KubeResults.Error(denied);
        var body = await RequestBody.ReadObjectAsync<T>(http.Request, definition.Kind, fieldValidation, null, http.RequestAborted);
        if (!body.IsSuccess) return KubeResults.Error(body.Error!);
        var result = await store.UpdateAsync(@namespace ?? "", name, http.WriteContext(), _ => body, statusOnly, http.RequestAborted);
        return KubeResults.From(http, result);
    }

    private static async Task<IResult> PatchCore(HttpContext http, ResourceDefinition<T> definition, ObjectStore<T> store,
        string? @namespace, string name, string? fieldValidation, bool statusOnly)
    {
        @namespace = Scope(definition, @namespace);
        if (await http.AuthorizeAsync("patch", definition.Kind, @namespace, name, statusOnly ? "status" : null) is { } denied) return KubeResults.Error(denied);
        var validation = RequestBody.ParseFieldValidation(fieldValidation);
        if (!validation.IsSuccess) return KubeResults.Error(validation.Error!);
        var patch = await PatchBody.ReadAsync(http.Request, http.RequestAborted);
        if (!patch.IsSuccess) return KubeResults.Error(patch.Error!);

        var result = await store.UpdateAsync(@namespace ?? "", name, http.WriteContext(),
            current => ObjectPatch.Apply<T>(current, patch.Value!, definition.Kind, validation.Value), statusOnly, http.RequestAborted);
        return KubeResults.From(http, result);
    }

    // A cluster-scoped kind has no namespace, whatever the query string says.
    private static string? Scope(ResourceDefinition<T> definition, string? @namespace) => definition.Kind.Namespaced ? @namespace : null;
}
