using EventOrch.Api.Discovery;
using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Endpoints;

/// <summary>GET .../pods/{name}/log: relayed from the agent of the pod's node, which reads it from the container runtime.</summary>
public static class PodLogEndpoints
{
    public static IEndpointRouteBuilder MapPodLogs(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/namespaces/{namespace}/pods/{name}/log", RelayAsync).RequireAuthorization().WithTags("pods");
        app.ServedResources().TextSubresource(ResourceKind.Pod, "log", new ServedVerb(Verbs.Get, QueryParameters.Log));
        return app;
    }

    private static async Task<IResult> RelayAsync(HttpContext http, ObjectQueries<Pod> pods, ObjectQueries<Node> nodes, IHttpClientFactory clients,
        string @namespace, string name, string? container)
    {
        if (await http.AuthorizeAsync("get", ResourceKind.Pod, @namespace, name, "log") is { } denied) return KubeResults.Error(denied);
        var found = await pods.GetAsync(@namespace, name, http.RequestAborted);
        if (!found.IsSuccess) return KubeResults.Error(found.Error!);
        var pod = found.Value!;
        var names = pod.Spec.Containers.Select(c => c.Name).ToList();
        if (string.IsNullOrEmpty(container))
        {
            if (names.Count > 1)
                return KubeResults.Error(ApiErrors.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(" ", names)}]", "container"));
            container = names[0];
        }
        else if (!names.Contains(container))
        {
            return KubeResults.Error(ApiErrors.BadRequest($"container {container} is not valid for pod {name}", "container"));
        }
        if (string.IsNullOrEmpty(pod.Spec.NodeName))
            return KubeResults.Error(ApiErrors.BadRequest($"pod {name} does not have a host assigned"));
        var node = await nodes.GetAsync("", pod.Spec.NodeName, http.RequestAborted);
        var address = node.Value?.Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP")?.Address;
        var port = node.Value?.Status?.DaemonEndpoints?.KubeletEndpoint?.Port;
        if (address is null || port is null or 0)
            return KubeResults.Error(ApiErrors.ServiceUnavailable($"node {pod.Spec.NodeName} does not say where its agent listens"));

        var query = http.Request.QueryString.Value ?? "";
        var target = $"http://{address}:{port}/containerLogs/{Uri.EscapeDataString(@namespace)}/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(container)}{query}";
        var response = await clients.CreateClient("agents").GetAsync(target, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            var message = await response.Content.ReadAsStringAsync(http.RequestAborted);
            response.Dispose();
            return KubeResults.Error(ApiErrors.BadRequest(message.Trim('"')));
        }
        http.Response.RegisterForDispose(response);
        return Results.Stream(await response.Content.ReadAsStreamAsync(http.RequestAborted), "text/plain; charset=utf-8");
    }
}
