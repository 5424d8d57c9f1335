using EventOrch.Api.Requests;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Endpoints;

/// <summary>What is not served, answered as Kubernetes answers it: a Status, never an empty body (kubectl prints the
/// message). The streaming pod subresources say why they are missing; any other path is Kubernetes' 404, and a
/// method a path is not served with its 405.</summary>
public static class UnservedEndpoints
{
    private static readonly string[] StreamingSubresources = ["exec", "attach", "portforward"];

    private static readonly Status NotFound = new()
    {
        Code = 404,
        Reason = StatusReasons.NotFound,
        Message = "the server could not find the requested resource",
    };

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
        return app;
    }

    /// <summary>Gives the empty answers routing leaves a Status body: 404 when no route matches the path (whatever its
    /// last segment looks like), 405 when routes match the path but none its method. An answer that has a body already
    /// (an endpoint's own 404 Status, say) is left as it is. Goes before authentication, so it sees every answer.</summary>
    public static IApplicationBuilder UseUnservedStatus(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context => context.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => KubeResults.Error(NotFound).ExecuteAsync(context.HttpContext),
            StatusCodes.Status405MethodNotAllowed => KubeResults.Error(ApiErrors.MethodNotAllowed()).ExecuteAsync(context.HttpContext),
            _ => Task.CompletedTask,
        });
}
