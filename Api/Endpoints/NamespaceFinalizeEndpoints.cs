using EventOrch.Api.Discovery;
using EventOrch.Api.Requests;
using EventOrch.Api.Resources;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Endpoints;

/// <summary>PUT /api/v1/namespaces/{name}/finalize: how the namespace controller releases a Terminating namespace once
/// nothing is left in it. Only <c>spec.finalizers</c> of the body counts.</summary>
public static class NamespaceFinalizeEndpoints
{
    public static IEndpointRouteBuilder MapNamespaceFinalize(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/v1/namespaces/{name}/finalize", Release).RequireAuthorization().WithTags("namespaces");
        app.ServedResources().Subresource<Namespace>(ResourceKind.Namespace, "finalize", null, new ServedVerb(Verbs.Update, QueryParameters.Write));
        return app;
    }

    private static async Task<IResult> Release(HttpContext http, ObjectStore<Namespace> namespaces, string name, string? fieldValidation)
    {
        if (await http.AuthorizeAsync("update", ResourceKind.Namespace, null, name, "finalize") is { } denied) return KubeResults.Error(denied);
        var body = await RequestBody.ReadObjectAsync<Namespace>(http.Request, ResourceKind.Namespace, fieldValidation, null, http.RequestAborted);
        if (!body.IsSuccess) return KubeResults.Error(body.Error!);
        if (body.Value!.Metadata.Name is { Length: > 0 } bodyName && bodyName != name)
            return KubeResults.Error(ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})", "metadata.name"));

        var result = await namespaces.AppendAsync("", name, http.WriteContext(), ns => NamespaceDefinition.Finalize(ns, body.Value), http.RequestAborted);
        return KubeResults.From(http, result with { Warnings = body.Warnings });
    }
}
