using EventOrch.Api.Discovery;
using EventOrch.Api.Requests;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Metrics;

/// <summary>metrics.k8s.io/v1beta1 as metrics-server serves it: PodMetrics (one namespace or all) and NodeMetrics, get
/// and list with label and field selectors; what <c>kubectl top</c> and the autoscaler read.</summary>
public static class ResourceMetricsEndpoints
{
    private const string Prefix = "/apis/metrics.k8s.io/v1beta1";

    public static IEndpointRouteBuilder MapResourceMetrics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).RequireAuthorization().WithTags("metrics");
        group.MapGet("/pods", ListPods);
        group.MapGet("/namespaces/{namespace}/pods", ListPods);
        group.MapGet("/namespaces/{namespace}/pods/{name}", GetPod);
        group.MapGet("/nodes", ListNodes);
        group.MapGet("/nodes/{name}", GetNode);
        ServedVerb list = new(Verbs.List, [QueryParameters.LabelSelector, QueryParameters.FieldSelector]);
        app.ServedResources()
            .Resource<PodMetrics>(MetricsKinds.PodMetrics, Verbs.Get, list)
            .Resource<NodeMetrics>(MetricsKinds.NodeMetrics, Verbs.Get, list);
        return app;
    }

    private static async Task<IResult> ListPods(HttpContext http, MetricsReader reader, string? @namespace, string? labelSelector, string? fieldSelector)
    {
        if (await http.AuthorizeAsync("list", MetricsKinds.PodMetrics, @namespace, null) is { } denied) return KubeResults.Error(denied);
        var options = ListRequest.Parse(labelSelector, fieldSelector, null, null);
        if (!options.IsSuccess) return KubeResults.Error(options.Error!);
        var items = await reader.PodsAsync(@namespace, options.Value!, http.RequestAborted);
        if (!items.IsSuccess) return KubeResults.Error(items.Error!);
        return KubeResults.Object(new ObjectList<PodMetrics>
        {
            ApiVersion = MetricsKinds.PodMetrics.ApiVersion,
            Kind = MetricsKinds.PodMetrics.ListKind,
            Items = items.Value!,
        });
    }

    private static async Task<IResult> GetPod(HttpContext http, MetricsReader reader, string @namespace, string name)
    {
        if (await http.AuthorizeAsync("get", MetricsKinds.PodMetrics, @namespace, name) is { } denied) return KubeResults.Error(denied);
        var items = await reader.PodsAsync(@namespace, ByName(name), http.RequestAborted);
        if (!items.IsSuccess) return KubeResults.Error(items.Error!);
        return items.Value!.FirstOrDefault() is { } found
            ? KubeResults.Object(found)
            : KubeResults.Error(NotFound(MetricsKinds.PodMetrics, $"{@namespace}/{name}"));
    }

    private static async Task<IResult> ListNodes(HttpContext http, MetricsReader reader, string? labelSelector, string? fieldSelector)
    {
        if (await http.AuthorizeAsync("list", MetricsKinds.NodeMetrics, null, null) is { } denied) return KubeResults.Error(denied);
        var options = ListRequest.Parse(labelSelector, fieldSelector, null, null);
        if (!options.IsSuccess) return KubeResults.Error(options.Error!);
        var items = await reader.NodesAsync(options.Value!, http.RequestAborted);
        if (!items.IsSuccess) return KubeResults.Error(items.Error!);
        return KubeResults.Object(new ObjectList<NodeMetrics>
        {
            ApiVersion = MetricsKinds.NodeMetrics.ApiVersion,
            Kind = MetricsKinds.NodeMetrics.ListKind,
            Items = items.Value!,
        });
    }

    private static async Task<IResult> GetNode(HttpContext http, MetricsReader reader, string name)
    {
        if (await http.AuthorizeAsync("get", MetricsKinds.NodeMetrics, null, name) is { } denied) return KubeResults.Error(denied);
        var items = await reader.NodesAsync(ByName(name), http.RequestAborted);
        if (!items.IsSuccess) return KubeResults.Error(items.Error!);
        return items.Value!.FirstOrDefault() is { } found
            ? KubeResults.Object(found)
            : KubeResults.Error(NotFound(MetricsKinds.NodeMetrics, name));
    }

    // As metrics-server words it: podmetrics.metrics.k8s.io "default/web-1" not found (no fresh sample, or no such pod).
    private static Status NotFound(Contracts.Kinds.ResourceKind kind, string name) => ApiErrors.NotFound(kind, name) with
    {
        Message = $"{kind.Kind.ToLowerInvariant()}.{kind.Group} \"{name}\" not found",
    };

    // Escaped: a name in the path may hold what a field selector reads as syntax (',', '=', '\').
    internal static Storage.ListOptions ByName(string name) =>
        ListRequest.Parse(null, $"metadata.name={Contracts.Selectors.FieldSelector.EscapeValue(name)}", null, null).Value!;
}
