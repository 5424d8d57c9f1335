using EventOrch.Api.Discovery;
using EventOrch.Api.Leases;
using EventOrch.Api.Requests;
using EventOrch.Api.Requests.Patching;
using EventOrch.Api.Storage;
using EventOrch.Api.Tables;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Endpoints;

/// <summary>Leases at coordination.k8s.io/v1: get, list, create, replace, merge patch and delete.</summary>
public static class LeaseEndpoints
{
    private const string Collection = "/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases";
    private static readonly ResourceKind Kind = ResourceKind.Lease;

    public static IEndpointRouteBuilder MapLeases(this IEndpointRouteBuilder app)
    {
        // Leases are heartbeats, not events: they have no dry run, and say so rather than write.
        var group = app.MapGroup("").RequireAuthorization().WithTags("leases").AddEndpointFilter((context, next) =>
            context.HttpContext.IsDryRun() && !HttpMethods.IsGet(context.HttpContext.Request.Method)
                ? ValueTask.FromResult<object?>(KubeResults.Error(ApiErrors.BadRequest("dryRun is not supported for leases", "dryRun")))
                : next(context));
        group.MapGet(Collection, List).WithTableOutput(Kind);
        group.MapGet("/apis/coordination.k8s.io/v1/leases", List).WithTableOutput(Kind);
        group.MapPost(Collection, Create);
        group.MapGet(Collection + "/{name}", Get).WithTableOutput(Kind);
        group.MapPut(Collection + "/{name}", Replace);
        group.MapPatch(Collection + "/{name}", Patch);
        group.MapDelete(Collection + "/{name}", Delete);
        app.ServedResources().Resource<Lease>(Kind,
            Verbs.List, new(Verbs.Create, [QueryParameters.FieldValidation]), Verbs.Get, new(Verbs.Update, [QueryParameters.FieldValidation]),
            new(Verbs.Patch, [QueryParameters.FieldValidation]), Verbs.Delete);
        return app;
    }

    private static async Task<IResult> List(HttpContext http, LeaseStore leases, string? @namespace, string? watch)
    {
        // Leases are rows, not event streams, so the watch cache does not hold them.
        if (!Watch.WatchRequest.TryParseBool(_ => watch, "watch", out var watching, out var watchError)) return KubeResults.Error(watchError!);
        if (watching == true) return KubeResults.Error(ApiErrors.MethodNotAllowed());
        if (await http.AuthorizeAsync("list", Kind, @namespace, null) is { } denied) return KubeResults.Error(denied);
        return KubeResults.Object(await leases.ListAsync(@namespace, http.RequestAborted));
    }

    private static async Task<IResult> Get(HttpContext http, LeaseStore leases, string @namespace, string name)
    {
        if (await http.AuthorizeAsync("get", Kind, @namespace, name) is { } denied) return KubeResults.Error(denied);
        return KubeResults.From(http, await leases.GetAsync(@namespace, name, http.RequestAborted));
    }

    private static async Task<IResult> Create(HttpContext http, LeaseStore leases, ObjectQueries<Namespace> namespaces, string @namespace, string? fieldValidation)
    {
        if (await http.AuthorizeAsync("create", Kind, @namespace, null) is { } denied) return KubeResults.Error(denied);
        var body = await RequestBody.ReadObjectAsync<Lease>(http.Request, Kind, fieldValidation, null, http.RequestAborted);
        if (!body.IsSuccess) return KubeResults.Error(body.Error!);
        if (!(await namespaces.GetAsync("", @namespace, http.RequestAborted)).IsSuccess)
            return KubeResults.Error(ApiErrors.NotFound(ResourceKind.Namespace, @namespace));
        return KubeResults.From(http, await leases.CreateAsync(@namespace, body.Value!, http.RequestAborted), 201);
    }

    private static async Task<IResult> Replace(HttpContext http, LeaseStore leases, string @namespace, string name, string? fieldValidation)
    {
        if (await http.AuthorizeAsync("update", Kind, @namespace, name) is { } denied) return KubeResults.Error(denied);
        var body = await RequestBody.ReadObjectAsync<Lease>(http.Request, Kind, fieldValidation, null, http.RequestAborted);
        if (!body.IsSuccess) return KubeResults.Error(body.Error!);
        return KubeResults.From(http, await leases.ReplaceAsync(@namespace, name, body.Value!, http.RequestAborted));
    }

    private static async Task<IResult> Patch(HttpContext http, LeaseStore leases, string @namespace, string name, string? fieldValidation)
    {
        if (await http.AuthorizeAsync("patch", Kind, @namespace, name) is { } denied) return KubeResults.Error(denied);
        var validation = RequestBody.ParseFieldValidation(fieldValidation);
        if (!validation.IsSuccess) return KubeResults.Error(validation.Error!);
        var patch = await PatchBody.ReadAsync(http.Request, http.RequestAborted);
        if (!patch.IsSuccess) return KubeResults.Error(patch.Error!);
        return KubeResults.From(http, await leases.PatchAsync(@namespace, name,
            current => ObjectPatch.Apply<Lease>(current, patch.Value!, Kind, validation.Value), http.RequestAborted));
    }

    private static async Task<IResult> Delete(HttpContext http, LeaseStore leases, string @namespace, string name)
    {
        if (await http.AuthorizeAsync("delete", Kind, @namespace, name) is { } denied) return KubeResults.Error(denied);
        return KubeResults.From(http, await leases.DeleteAsync(@namespace, name, http.RequestAborted));
    }
}
