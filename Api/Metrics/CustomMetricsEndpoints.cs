using EventOrch.Api.Discovery;
using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;

namespace EventOrch.Api.Metrics;

/// <summary>custom.metrics.k8s.io/v1beta2 as a custom metrics adapter serves it, for the metrics the service proxies
/// measure (<see cref="ProxyMetricNames"/>): one pod's or Service's value, or the value of every pod or Service of a
/// label selector (<c>pods/*</c>, <c>services/*</c>). A Pods metric of an autoscaler reads the pods', an Object metric
/// the Service's (the sum over its pods).</summary>
public static class CustomMetricsEndpoints
{
    private const string Prefix = "/apis/custom.metrics.k8s.io/v1beta2";

    public static readonly IReadOnlyList<string> Metrics =
        [ProxyMetricNames.RequestsPerSecond, ProxyMetricNames.ErrorsPerSecond, ProxyMetricNames.LatencyP95Seconds];

    public static IEndpointRouteBuilder MapCustomMetrics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).RequireAuthorization().WithTags("metrics");
        group.MapGet("/namespaces/{namespace}/pods/{name}/{metric}", (HttpContext http, MetricsReader reader, string @namespace, string name, string metric,
                string? labelSelector, string? metricLabelSelector) =>
            GetAsync(http, MetricsKinds.CustomPodMetrics, "Pod", reader.PodTrafficAsync, @namespace, name, metric, labelSelector, metricLabelSelector));
        group.MapGet("/namespaces/{namespace}/services/{name}/{metric}", (HttpContext http, MetricsReader reader, string @namespace, string name, string metric,
                string? labelSelector, string? metricLabelSelector) =>
            GetAsync(http, MetricsKinds.CustomServiceMetrics, "Service", reader.ServiceTrafficAsync, @namespace, name, metric, labelSelector, metricLabelSelector));
        var served = app.ServedResources();
        ServedVerb get = new(Verbs.Get, [QueryParameters.LabelSelector, MetricLabelSelector]);
        foreach (var metric in Metrics)
        {
            served.Subresource<MetricValueList>(MetricsKinds.CustomPodMetrics, metric, null, get);
            served.Subresource<MetricValueList>(MetricsKinds.CustomServiceMetrics, metric, null, get);
        }
        return app;
    }

    private static readonly QueryParameter MetricLabelSelector = new("metricLabelSelector", "string",
        "Only values of the metric whose labels match (the proxy's metrics have none).");

    private static async Task<IResult> GetAsync<T>(HttpContext http, ResourceKind kind, string objectKind,
        Func<string, ListOptions, CancellationToken, Task<ApiResult<List<(T Object, Traffic Traffic)>>>> read,
        string @namespace, string name, string metric, string? labelSelector, string? metricLabelSelector) where T : IKubeObject
    {
        var all = name == "*";
        if (await http.AuthorizeAsync("get", kind, @namespace, all ? null : name, metric) is { } denied)
            return KubeResults.Error(denied);
        if (!Metrics.Contains(metric))
            return KubeResults.Error(ApiErrors.NotFound(kind, metric) with
            {
                Message = $"the server could not find the metric {metric} for {kind.Plural}; it serves {string.Join(", ", Metrics)}",
            });
        if (!LabelSelector.TryParse(metricLabelSelector, out var metricLabels, out var metricLabelError))
            return KubeResults.Error(ApiErrors.BadRequest(metricLabelError!, "metricLabelSelector"));
        if (!all && !string.IsNullOrEmpty(labelSelector))
            return KubeResults.Error(ApiErrors.BadRequest($"labelSelector is only for {kind.Plural}/*, not a named one", "labelSelector"));
        var options = all
            ? ListRequest.Parse(labelSelector, null, null, null)
            : ResourceMetricsEndpoints.ByName(name);
        if (!options.IsSuccess) return KubeResults.Error(options.Error!);

        var traffic = await read(@namespace, options.Value!, http.RequestAborted);
        if (!traffic.IsSuccess) return KubeResults.Error(traffic.Error!);
        // The proxy's metrics carry no labels: a metric label selector either matches them all or none.
        var items = metricLabels.Matches(new Dictionary<string, string>())
            ? traffic.Value!.Select(t => ToValue(objectKind, t.Object, t.Traffic, metric)).ToList()
            : [];
        if (!all && items.Count == 0)
            return KubeResults.Error(ApiErrors.NotFound(kind, name) with
            {
                Message = $"the server could not find the metric {metric} for {kind.Plural} {name}: no service proxy reported traffic for it",
            });
        // A named object's value comes in a list too, of one, as custom metrics adapters answer.
        return KubeResults.Object(new MetricValueList { Items = items });
    }

    // "/v1" is what custom metrics adapters write for the core group (group "" + "/" + version).
    private static MetricValue ToValue(string kind, IKubeObject obj, Traffic traffic, string metric) => new()
    {
        DescribedObject = new ObjectReference { Kind = kind, Namespace = obj.Metadata.Namespace, Name = obj.Metadata.Name, ApiVersion = "/v1" },
        Metric = new MetricIdentifier { Name = metric },
        Timestamp = traffic.Timestamp.ToWholeSeconds(),
        WindowSeconds = (long)Math.Round(traffic.WindowSeconds),
        Value = MetricsFormat.Value(traffic.Value(metric)!.Value),
    };
}
