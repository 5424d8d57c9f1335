using EventOrch.Api.Requests;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Endpoints;

/// <summary>What is not served, answered as Kubernetes answers it: a Status, never an empty body (kubectl prints the
/// message). The streaming pod subresources say why they are missing; any other path is Kubernetes' 404.</summary>
public static class UnservedEndpoints
{
    private static readonly string[] StreamingSubresources = ["exec", "attach", "portforward"];

    public static IEndpointRouteBuilder MapUnserved(this IEndpointRouteBuilder app)
    {
        foreach (var subresource in StreamingSubresources)
        {
            app.MapMethods($"/api/v1/namespaces/{{namespace}}/pods/{{name}}/{subresource}", [HttpMethods.Get, HttpMethods.Post], () =>
                KubeResults.Error(new Status
                {
                    Code = 405,
                    Reason = StatusReasons.MethodNotAllowed,
                    Message = $"pods/{subresource} is not served by EventOrch: the Api has no streaming connection to containers " +
                        "(kubectl logs works; see docs/kubectl.md)",
                })).RequireAuthorization().WithTags("pods");
        }
        app.MapFallback(() => KubeResults.Error(new Status
        {
            Code = 404,
            Reason = StatusReasons.NotFound,
            Message = "the server could not find the requested resource",
        })).AllowAnonymous();
        return app;
    }
}
