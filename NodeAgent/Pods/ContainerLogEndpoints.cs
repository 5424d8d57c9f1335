using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.Nodes;
using EventOrch.NodeAgent.Runtime;

namespace EventOrch.NodeAgent.Pods;

/// <summary>The agent's log endpoint, which the Api relays for GET .../pods/{name}/log (Kubernetes' kubelet path).</summary>
public static class ContainerLogEndpoints
{
    public static IEndpointRouteBuilder MapContainerLogs(this IEndpointRouteBuilder app)
    {
        app.MapGet("/containerLogs/{namespace}/{pod}/{container}", StreamAsync);
        return app;
    }

    private static async Task<IResult> StreamAsync(HttpContext http, Informer<Pod> pods, NodeFleet fleet, IContainerRuntime runtime,
        string @namespace, string pod, string container, bool? follow, int? tailLines, long? sinceSeconds, bool? previous, bool? timestamps)
    {
        var found = pods.Cache.Get(@namespace, pod);
        if (found is null || fleet.Nodes.All(n => n.Name != found.Spec.NodeName))
            return Results.NotFound($"pod {@namespace}/{pod} is not on this agent's nodes");
        var instances = (await runtime.ListAsync(found.Spec.NodeName!, http.RequestAborted))
            .Where(c => c.Labels.GetValueOrDefault(RuntimeLabels.PodUid) == found.Metadata.Uid
                && c.Labels.GetValueOrDefault(RuntimeLabels.Container) == container)
            .OrderBy(PodContainers.Attempt).ToList();
        var chosen = previous == true ? (instances.Count > 1 ? instances[^2] : null) : instances.LastOrDefault();
        if (chosen is null)
            return Results.BadRequest(previous == true
                ? $"previous terminated container \"{container}\" in pod \"{pod}\" not found"
                : $"container \"{container}\" in pod \"{pod}\" is waiting to start");
        var options = new LogOptions(follow == true, tailLines, sinceSeconds is { } s ? DateTimeOffset.UtcNow.AddSeconds(-s) : null, timestamps == true);
        var stream = await runtime.LogsAsync(chosen.Id, options, http.RequestAborted);
        return Results.Stream(stream, "text/plain; charset=utf-8");
    }
}
