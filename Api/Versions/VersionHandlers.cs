using EventOrch.Api.Endpoints;
using EventOrch.Api.Requests;
using EventOrch.Api.Requests.Patching;
using EventOrch.Api.Resources;
using EventOrch.Api.Storage;
using EventOrch.Api.Watch;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;

namespace EventOrch.Api.Versions;

/// <summary>The REST verbs of a kind in another served version: the stored kind's queries and store, with each body
/// converted from the version on the way in (a patch is applied to the version's view of the stored object) and each
/// answer converted to it on the way out.</summary>
public sealed class VersionHandlers<TStored, TView>(IServedVersion<TStored, TView> version)
    where TStored : class, IKubeObject where TView : class, IKubeObject
{
    public WatchView WatchView { get; } = new(version.Kind, obj => obj is TStored stored ? version.ToView(stored) : obj);

    public async Task<IResult> List(HttpContext http, ResourceDefinition<TStored> definition, ObjectQueries<TStored> queries,
        string? @namespace, string? labelSelector, string? fieldSelector, string? limit, string? @continue, string? watch, string? asOf)
    {
        if (!WatchRequest.TryParseBool(_ => watch, "watch", out var watching, out var watchError)) return KubeResults.Error(watchError!);
        if (watching == true)
        {
            return string.IsNullOrEmpty(asOf)
                ? await WatchHandlers<TStored>.WatchAsync(http, definition, @namespace, name: null, WatchView)
                : KubeResults.Error(ApiErrors.BadRequest("asOf cannot be used with watch: a watch follows changes from now on; list as of a point, then watch from its resourceVersion", "asOf"));
        }
        if (await http.AuthorizeAsync("list", version.Kind, @namespace, null) is { } denied) return KubeResults.Error(denied);
        var options = ListRequest.Parse(labelSelector, fieldSelector, limit, @continue, asOf);
        if (!options.IsSuccess) return KubeResults.Error(options.Error!);
        var result = await queries.ListAsync(@namespace, options.Value!, http.RequestAborted);
        return KubeResults.From(http, Convert(result));
    }

    public Task<IResult> Get(HttpContext http, ObjectQueries<TStored> queries, string @namespace, string name, string? asOf) =>
        GetCore(http, queries, @namespace, name, asOf, subresource: null);

    /// <summary>GET of the status subresource, authorised as <c>get</c> of <c>{resource}/status</c>.</summary>
    public Task<IResult> GetStatus(HttpContext http, ObjectQueries<TStored> queries, string @namespace, string name, string? asOf) =>
        GetCore(http, queries, @namespace, name, asOf, subresource: "status");

    private async Task<IResult> GetCore(HttpContext http, ObjectQueries<TStored> queries, string @namespace, string name, string? asOf, string? subresource)
    {
        if (await http.AuthorizeAsync("get", version.Kind, @namespace, name, subresource) is { } denied) return KubeResults.Error(denied);
        return KubeResults.From(http, Convert(string.IsNullOrEmpty(asOf)
            ? await queries.GetAsync(@namespace, name, http.RequestAborted)
            : await queries.GetAsOfAsync(@namespace, name, asOf, http.RequestAborted)));
    }

    public async Task<IResult> Create(HttpContext http, ObjectStore<TStored> store, string @namespace, string? fieldValidation)
    {
        if (await http.AuthorizeAsync("create", version.Kind, @namespace, null) is { } denied) return KubeResults.Error(denied);
        var body = await RequestBody.ReadObjectAsync<TView>(http.Request, version.Kind, fieldValidation, null, http.RequestAborted);
        if (!body.IsSuccess) return KubeResults.Error(body.Error!);
        var stored = version.FromView(body.Value!, null, statusOnly: false);
        if (!stored.IsSuccess) return KubeResults.Error(stored.Error!);
        var result = await store.CreateAsync(@namespace, stored.Value!, http.WriteContext(), http.RequestAborted);
        return KubeResults.From(http, Convert(result) with { Warnings = body.Warnings }, 201);
    }

    public Task<IResult> Replace(HttpContext http, ObjectStore<TStored> store, string @namespace, string name, string? fieldValidation) =>
        ReplaceCore(http, store, @namespace, name, fieldValidation, statusOnly: false);

    public Task<IResult> ReplaceStatus(HttpContext http, ObjectStore<TStored> store, string @namespace, string name, string? fieldValidation) =>
        ReplaceCore(http, store, @namespace, name, fieldValidation, statusOnly: true);

    public Task<IResult> Patch(HttpContext http, ObjectStore<TStored> store, string @namespace, string name, string? fieldValidation) =>
        PatchCore(http, store, @namespace, name, fieldValidation, statusOnly: false);

    public Task<IResult> PatchStatus(HttpContext http, ObjectStore<TStored> store, string @namespace, string name, string? fieldValidation) =>
        PatchCore(http, store, @namespace, name, fieldValidation, statusOnly: true);

    public async Task<IResult> Delete(HttpContext http, ObjectStore<TStored> store, string @namespace, string name, string? gracePeriodSeconds)
    {
        if (await http.AuthorizeAsync("delete", version.Kind, @namespace, name) is { } denied) return KubeResults.Error(denied);
        var options = await DeleteOptionsReader.ReadAsync(http.Request, gracePeriodSeconds, http.RequestAborted);
        if (!options.IsSuccess) return KubeResults.Error(options.Error!);
        return KubeResults.From(http, Convert(await store.DeleteAsync(@namespace, name, options.Value, http.WriteContext(), http.RequestAborted)));
    }

    public async Task<IResult> DeleteCollection(HttpContext http, ObjectQueries<TStored> queries, ObjectStore<TStored> store, string @namespace,
        string? labelSelector, string? fieldSelector, string? gracePeriodSeconds)
    {
        if (await http.AuthorizeAsync("deletecollection", version.Kind, @namespace, null) is { } denied) return KubeResults.Error(denied);
        if (!LabelSelector.TryParse(labelSelector, out var labels, out var labelError)) return KubeResults.Error(ApiErrors.BadRequest(labelError!, "labelSelector"));
        if (!FieldSelector.TryParse(fieldSelector, out var fields, out var fieldError)) return KubeResults.Error(ApiErrors.BadRequest(fieldError!, "fieldSelector"));
        var options = await DeleteOptionsReader.ReadAsync(http.Request, gracePeriodSeconds, http.RequestAborted);
        if (!options.IsSuccess) return KubeResults.Error(options.Error!);
        var matching = await queries.ListAsync(@namespace, new ListOptions(labels, fields, null, null), http.RequestAborted);
        if (!matching.IsSuccess) return KubeResults.Error(matching.Error!);
        var deleted = new List<TStored>();
        foreach (var item in matching.Value!.Items)
        {
            var result = await store.DeleteAsync(@namespace, item.Metadata.Name!, options.Value, http.WriteContext(), http.RequestAborted);
            if (result.IsSuccess) deleted.Add(result.Value!);
            else if (result.Error!.Code != 404) return KubeResults.Error(result.Error);
        }
        return KubeResults.From(http, Convert(new ApiResult<ObjectList<TStored>>(matching.Value with { Items = deleted }, null)));
    }

    private async Task<IResult> ReplaceCore(HttpContext http, ObjectStore<TStored> store, string @namespace, string name, string? fieldValidation, bool statusOnly)
    {
        if (await http.AuthorizeAsync("update", version.Kind, @namespace, name, statusOnly ? "status" : null) is { } denied) return KubeResults.Error(denied);
        var body = await RequestBody.ReadObjectAsync<TView>(http.Request, version.Kind, fieldValidation, null, http.RequestAborted);
        if (!body.IsSuccess) return KubeResults.Error(body.Error!);
        var result = await store.UpdateAsync(@namespace, name, http.WriteContext(),
            current => version.FromView(body.Value!, current, statusOnly) with { Warnings = body.Warnings }, statusOnly, http.RequestAborted);
        return KubeResults.From(http, Convert(result));
    }

    private async Task<IResult> PatchCore(HttpContext http, ObjectStore<TStored> store, string @namespace, string name, string? fieldValidation, bool statusOnly)
    {
        if (await http.AuthorizeAsync("patch", version.Kind, @namespace, name, statusOnly ? "status" : null) is { } denied) return KubeResults.Error(denied);
        var validation = RequestBody.ParseFieldValidation(fieldValidation);
        if (!validation.IsSuccess) return KubeResults.Error(validation.Error!);
        var patch = await PatchBody.ReadAsync(http.Request, http.RequestAborted);
        if (!patch.IsSuccess) return KubeResults.Error(patch.Error!);
        var result = await store.UpdateAsync(@namespace, name, http.WriteContext(), current =>
        {
            var patched = ObjectPatch.Apply<TView>(version.ToView(current), patch.Value!, version.Kind, validation.Value);
            return patched.IsSuccess ? version.FromView(patched.Value!, current, statusOnly) with { Warnings = patched.Warnings } : patched.Error!;
        }, statusOnly, http.RequestAborted);
        return KubeResults.From(http, Convert(result));
    }

    private ApiResult<TView> Convert(ApiResult<TStored> result) =>
        result.IsSuccess ? new ApiResult<TView>(version.ToView(result.Value!), null, result.Warnings) : result.Error!;

    private ApiResult<ObjectList<TView>> Convert(ApiResult<ObjectList<TStored>> result) => result.IsSuccess
        ? new ApiResult<ObjectList<TView>>(new ObjectList<TView>
        {
            ApiVersion = version.Kind.ApiVersion,
            Kind = version.Kind.ListKind,
            Metadata = result.Value!.Metadata,
            Items = [.. result.Value.Items.Select(version.ToView)],
        }, null, result.Warnings)
        : result.Error!;
}
