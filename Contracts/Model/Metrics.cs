namespace EventOrch.Contracts.Model;

/// <summary>metrics.k8s.io/v1beta1 PodMetrics: a pod's containers' newest cpu and memory usage, as <c>kubectl top
/// pods</c> reads it. Samples, not stored objects: they come from the node agents and age out.</summary>
public sealed record PodMetrics : IKubeObject
{
    public string ApiVersion { get; init; } = "metrics.k8s.io/v1beta1";
    public string Kind { get; init; } = "PodMetrics";
    public ObjectMeta Metadata { get; init; } = new();
    /// <summary>When the usage was measured (the end of its window).</summary>
    public DateTimeOffset Timestamp { get; init; }
    /// <summary>The span the usage was averaged over, a Go duration (<c>10s</c>).</summary>
    public string Window { get; init; } = "";
    public List<ContainerMetrics> Containers { get; init; } = [];
}

public sealed record ContainerMetrics
{
    public string Name { get; init; } = "";
    /// <summary>Quantities keyed by resource name: <c>cpu</c> (cores, <c>250m</c>) and <c>memory</c> (bytes, <c>64Mi</c>).</summary>
    public Dictionary<string, string> Usage { get; init; } = [];
}

/// <summary>metrics.k8s.io/v1beta1 NodeMetrics: a node's newest cpu and memory usage, as <c>kubectl top nodes</c> reads it.</summary>
public sealed record NodeMetrics : IKubeObject
{
    public string ApiVersion { get; init; } = "metrics.k8s.io/v1beta1";
    public string Kind { get; init; } = "NodeMetrics";
    public ObjectMeta Metadata { get; init; } = new();
    public DateTimeOffset Timestamp { get; init; }
    public string Window { get; init; } = "";
    public Dictionary<string, string> Usage { get; init; } = [];
}

/// <summary>custom.metrics.k8s.io/v1beta2 MetricValueList: one metric's value for each object asked about (each pod of a
/// selector), what a Pods metric of an autoscaler reads.</summary>
public sealed record MetricValueList
{
    public string ApiVersion { get; init; } = "custom.metrics.k8s.io/v1beta2";
    public string Kind { get; init; } = "MetricValueList";
    public ListMeta Metadata { get; init; } = new();
    public List<MetricValue> Items { get; init; } = [];
}

public sealed record MetricValue
{
    public ObjectReference DescribedObject { get; init; } = new();
    public MetricIdentifier Metric { get; init; } = new();
    public DateTimeOffset Timestamp { get; init; }
    public long? WindowSeconds { get; init; }
    /// <summary>A quantity (<c>12500m</c> for 12.5 requests per second).</summary>
    public string Value { get; init; } = "";
}

/// <summary>The per-pod metrics the service proxy measures, by the names a Pods metric of an autoscaler uses.</summary>
public static class ProxyMetricNames
{
    /// <summary>Requests the proxy forwarded to the pod per second, over the newest window.</summary>
    public const string RequestsPerSecond = "requests_per_second";

    /// <summary>The 95th percentile of the time the pod took to answer, in seconds, over the newest window.</summary>
    public const string LatencyP95Seconds = "request_latency_p95_seconds";

    /// <summary>Answers of 5xx or failed forwards per second, over the newest window.</summary>
    public const string ErrorsPerSecond = "errors_per_second";
}
