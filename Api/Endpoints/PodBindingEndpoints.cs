using EventOrch.Api.Discovery;
using EventOrch.Api.Requests;
using EventOrch.Api.Resources;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Endpoints;

/// <summary>POST .../pods/{name}/binding: how the scheduler assigns a pod to a node.</summary>
public static class PodBindingEndpoints
{
    public static IEndpointRouteBuilder MapPodBinding(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/namespaces/{namespace}/pods/{name}/binding", Bind).RequireAuthorization().WithTags("pods");
        app.ServedResources().Add(new ServedResource(ResourceKind.Pod, "binding", GroupVersionKind.Of(BindingKind), typeof(Binding), [Verbs.Create])
        {
            Answer = typeof(Status),
        });
        return app;
    }

    private static async Task<IResult> Bind(HttpContext http, ObjectStore<Pod> pods, ObjectQueries<Node> nodes, TimeProvider time,
        string @namespace, string name)
    {
        if (await http.AuthorizeAsync("create", ResourceKind.Pod, @namespace, name, "binding") is { } denied) return KubeResults.Error(denied);
        var body = await RequestBody.ReadAsync(http.Request, ["application/json", "application/yaml"], http.RequestAborted);
        if (!body.IsSuccess) return KubeResults.Error(body.Error!);
        var binding = RequestBody.ToObject<Binding>(body.Value!, BindingKind, FieldValidation.Strict);
        if (!binding.IsSuccess) return KubeResults.Error(binding.Error!);
        var target = binding.Value!.Target;
        if (target.Kind is { Length: > 0 } kind && kind != "Node")
            return KubeResults.Error(ApiErrors.BadRequest($"binding target must be a Node, not {kind}", "target.kind"));
        if (string.IsNullOrEmpty(target.Name))
            return KubeResults.Error(ApiErrors.BadRequest("binding target must name a node", "target.name"));
        if (binding.Value.Metadata.Name is { Length: > 0 } bound && bound != name)
            return KubeResults.Error(ApiErrors.BadRequest($"the name of the binding ({bound}) does not match the pod on the URL ({name})", "metadata.name"));
        if (!(await nodes.GetAsync("", target.Name, http.RequestAborted)).IsSuccess)
            return KubeResults.Error(ApiErrors.NotFound(ResourceKind.Node, target.Name));

        var result = await pods.AppendAsync(@namespace, name, http.WriteContext(),
            pod => PodDefinition.Bind(pod, target.Name, time.GetUtcNow()), http.RequestAborted);
        return result.IsSuccess
            ? KubeResults.Object(new Status { Outcome = "Success", Code = 201 }, 201)
            : KubeResults.Error(result.Error!);
    }

    private static readonly ResourceKind BindingKind = new("", "v1", "Binding", "bindings", Namespaced: true, []);
}
