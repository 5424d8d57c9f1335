using EventOrch.Api.Discovery;
using EventOrch.Api.Requests;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;

namespace EventOrch.Api.Metrics;

/// <summary>custom.metrics.k8s.io/v1beta2 as a custom metrics adapter serves it, for the metrics the service proxies
/// measure (<see cref="ProxyMetricNames"/>): one pod's value, or the value of every pod of a label selector
/// (<c>pods/*</c>), what a Pods metric of an autoscaler reads.</summary>
public static class CustomMetricsEndpoints
{
    private const string Prefix = "/apis/custom.metrics.k8s.io/v1beta2";

    public static readonly IReadOnlyList<string> Metrics =
        [ProxyMetricNames.RequestsPerSecond, ProxyMetricNames.ErrorsPerSecond, ProxyMetricNames.LatencyP95Seconds];

    public static IEndpointRouteBuilder MapCustomMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGroup(Prefix).RequireAuthorization().WithTags("metrics")
            .MapGet("/namespaces/{namespace}/pods/{name}/{metric}", GetPodMetric);
        var served = app.ServedResources();
        ServedVerb get = new(Verbs.Get, [QueryParameters.LabelSelector, MetricLabelSelector]);
        foreach (var metric in Metrics) served.Subresource<MetricValueList>(MetricsKinds.CustomPodMetrics, metric, null, get);
        return app;
    }

    private static readonly QueryParameter MetricLabelSelector = new("metricLabelSelector", "string",
        "Only values of the metric whose labels match (the proxy's metrics have none).");

    private static async Task<IResult> GetPodMetric(HttpContext http, MetricsReader reader, string @namespace, string name, string metric,
        string? labelSelector, string? metricLabelSelector)
    {
        var all = name == "*";
        if (await http.AuthorizeAsync("get", MetricsKinds.CustomPodMetrics, @namespace, all ? null : name, metric) is { } denied)
            return KubeResults.Error(denied);
        if (!Metrics.Contains(metric))
            return KubeResults.Error(ApiErrors.NotFound(MetricsKinds.CustomPodMetrics, metric) with
            {
                Message = $"the server could not find the metric {metric} for pods; it serves {string.Join(", ", Metrics)}",
            });
        if (!LabelSelector.TryParse(metricLabelSelector, out var metricLabels, out var metricLabelError))
            return KubeResults.Error(ApiErrors.BadRequest(metricLabelError!, "metricLabelSelector"));
        if (!all && !string.IsNullOrEmpty(labelSelector))
            return KubeResults.Error(ApiErrors.BadRequest("labelSelector is only for pods/*, not a named pod", "labelSelector"));
        var options = all
            ? ListRequest.Parse(labelSelector, null, null, null)
            : ResourceMetricsEndpoints.ByName(name);
        if (!options.IsSuccess) return KubeResults.Error(options.Error!);

        var traffic = await reader.TrafficAsync(@namespace, options.Value!, http.RequestAborted);
        if (!traffic.IsSuccess) return KubeResults.Error(traffic.Error!);
        // The proxy's metrics carry no labels: a metric label selector either matches them all or none.
        var items = metricLabels.Matches(new Dictionary<string, string>())
            ? traffic.Value!.Select(t => ToValue(t.Pod, t.Traffic, metric)).ToList()
            : [];
        if (!all && items.Count == 0)
            return KubeResults.Error(ApiErrors.NotFound(MetricsKinds.CustomPodMetrics, name) with
            {
                Message = $"the server could not find the metric {metric} for pods {name}: no service proxy reported traffic for it",
            });
        // A named pod's value comes in a list too, of one, as custom metrics adapters answer.
        return KubeResults.Object(new MetricValueList { Items = items });
    }

    private static MetricValue ToValue(Pod pod, PodTraffic traffic, string metric) => new()
    {
        DescribedObject = new ObjectReference { Kind = "Pod", Namespace = pod.Metadata.Namespace, Name = pod.Metadata.Name, ApiVersion = "/v1" },
        Metric = new MetricIdentifier { Name = metric },
        Timestamp = traffic.Timestamp.ToWholeSeconds(),
        WindowSeconds = (long)Math.Round(traffic.WindowSeconds),
        Value = MetricsFormat.Value(traffic.Value(metric)!.Value),
    };
}
