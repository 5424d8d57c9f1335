using EventOrch.Contracts.Kinds;

namespace EventOrch.Api.Metrics;

/// <summary>The resources of the metrics APIs, named as Kubernetes' metrics-server and a custom metrics adapter name
/// them in discovery: <c>pods</c> and <c>nodes</c> of metrics.k8s.io answer PodMetrics and NodeMetrics; each custom
/// metric is a subresource of <c>pods</c> and of <c>services</c> in custom.metrics.k8s.io answering a MetricValueList.</summary>
public static class MetricsKinds
{
    public const string ResourceGroup = "metrics.k8s.io";
    public const string CustomGroup = "custom.metrics.k8s.io";

    public static readonly ResourceKind PodMetrics = new(ResourceGroup, "v1beta1", "PodMetrics", "pods", Namespaced: true, []);
    public static readonly ResourceKind NodeMetrics = new(ResourceGroup, "v1beta1", "NodeMetrics", "nodes", Namespaced: false, []);
    public static readonly ResourceKind CustomPodMetrics = new(CustomGroup, "v1beta2", "MetricValueList", "pods", Namespaced: true, []);
    public static readonly ResourceKind CustomServiceMetrics = new(CustomGroup, "v1beta2", "MetricValueList", "services", Namespaced: true, []);

    /// <summary>The reports the components send; authorised by identity (<see cref="MetricsOptions"/>), not served to read.</summary>
    public static readonly ResourceKind NodeReport = new(Contracts.Model.MetricsReportNames.Group, "v1", "NodeUsageReport", "nodereports", Namespaced: false, []);
    public static readonly ResourceKind ProxyReport = new(Contracts.Model.MetricsReportNames.Group, "v1", "ProxyTrafficReport", "proxyreports", Namespaced: false, []);
}
