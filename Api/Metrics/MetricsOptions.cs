namespace EventOrch.Api.Metrics;

/// <summary>How the Api keeps and serves usage samples (configuration section "Metrics").</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>How long samples are kept; older ones are pruned.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>A sample received longer ago than this is stale: it is not served as current (a few reporting intervals).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often this Api instance prunes samples past <see cref="Retention"/>.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Users allowed to report node and pod usage (the node agents' identity).</summary>
    public List<string> NodeReporters { get; set; } = ["system:serviceaccount:kube-system:node-agent"];

    /// <summary>Users allowed to report proxy traffic (the service proxies' identity).</summary>
    public List<string> ProxyReporters { get; set; } = ["system:serviceaccount:kube-system:service-proxy"];
}
