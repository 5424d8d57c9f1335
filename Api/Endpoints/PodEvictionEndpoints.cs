using System.Text.Json.Nodes;
using EventOrch.Api.Discovery;
using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Endpoints;

/// <summary>POST .../pods/{name}/eviction: deletes the pod as a DELETE with the eviction's deleteOptions would (a pod on
/// a node terminates gracefully), which is how <c>kubectl drain</c> empties a node. There are no PodDisruptionBudgets,
/// so an eviction is never refused for one (Kubernetes would answer 429 TooManyRequests).</summary>
public static class PodEvictionEndpoints
{
    private static readonly ResourceKind[] EvictionKinds =
    [
        new("policy", "v1", "Eviction", "evictions", Namespaced: true, []),
        new("policy", "v1beta1", "Eviction", "evictions", Namespaced: true, []),
    ];

    public static IEndpointRouteBuilder MapPodEviction(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/namespaces/{namespace}/pods/{name}/eviction", Evict).RequireAuthorization().WithTags("pods");
        // kubectl drain evicts only when discovery lists pods/eviction as policy/v1 Eviction; otherwise it deletes.
        app.ServedResources().Add(new ServedResource(ResourceKind.Pod, "eviction", GroupVersionKind.Of(EvictionKinds[0]), typeof(Eviction),
            [new ServedVerb(Verbs.Create, [QueryParameters.FieldValidation])]) { Answer = typeof(Status) });
        return app;
    }

    private static async Task<IResult> Evict(HttpContext http, ObjectStore<Pod> pods, string @namespace, string name, string? fieldValidation)
    {
        if (await http.AuthorizeAsync("create", ResourceKind.Pod, @namespace, name, "eviction") is { } denied) return KubeResults.Error(denied);
        var eviction = await RequestBody.ReadObjectAsync<Eviction>(http.Request, KindOf, fieldValidation, null, http.RequestAborted);
        if (!eviction.IsSuccess) return KubeResults.Error(eviction.Error!);

        var meta = eviction.Value!.Metadata;
        if (meta.Name != name)
            return KubeResults.Error(ApiErrors.BadRequest("name in URL does not match name in Eviction object", "metadata.name"));
        if (meta.Namespace is { Length: > 0 } bodyNamespace && bodyNamespace != @namespace)
            return KubeResults.Error(ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request", "metadata.namespace"));
        if (eviction.Value.DeleteOptions?.DryRun is { Count: > 0 })
            return KubeResults.Error(ApiErrors.BadRequest("dryRun is not supported: the eviction would delete the pod", "deleteOptions.dryRun"));
        var options = DeleteOptionsReader.ToDeleteOptions(eviction.Value.DeleteOptions, "deleteOptions.");
        if (!options.IsSuccess) return KubeResults.Error(options.Error!);

        var deleted = await pods.DeleteAsync(@namespace, name, options.Value, http.WriteContext(), http.RequestAborted);
        return deleted.IsSuccess
            ? KubeResults.From(http, new ApiResult<Status>(new Status { Outcome = "Success", Code = 201 }, null, eviction.Warnings), 201)
            : KubeResults.Error(deleted.Error!);
    }

    // policy/v1 or policy/v1beta1; an Eviction without apiVersion or kind is taken as policy/v1.
    private static ApiResult<ResourceKind> KindOf(JsonNode body)
    {
        var apiVersion = body["apiVersion"]?.ToString();
        var kind = EvictionKinds.FirstOrDefault(k => k.ApiVersion == apiVersion) ?? EvictionKinds[0];
        if (apiVersion is not null && kind.ApiVersion != apiVersion)
            return ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version (policy/v1 or policy/v1beta1)", "apiVersion");
        return kind;
    }
}
