namespace EventOrch.Contracts.Model;

/// <summary>What a node agent reports every metrics interval (POST /apis/metrics.eventorch.io/v1/nodereports): the
/// usage of each node it hosts and of the pods' containers on it. Transient samples, never events.</summary>
public sealed record NodeUsageReport
{
    public string ApiVersion { get; init; } = MetricsReportNames.ApiVersion;
    public string Kind { get; init; } = "NodeUsageReport";
    public List<NodeUsageSample> Nodes { get; init; } = [];
}

/// <summary>One node's usage, and its pods', over <see cref="WindowSeconds"/> ending at <see cref="Timestamp"/>.</summary>
public sealed record NodeUsageSample
{
    public string Name { get; init; } = "";
    public DateTimeOffset Timestamp { get; init; }
    public double WindowSeconds { get; init; }
    /// <summary>Cpu in use on the machine, in nanocores (cores x 10^9).</summary>
    public long CpuNanoCores { get; init; }
    /// <summary>Memory in use on the machine (its working set), in bytes.</summary>
    public long MemoryBytes { get; init; }
    public List<PodUsageSample> Pods { get; init; } = [];
}

public sealed record PodUsageSample
{
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public DateTimeOffset Timestamp { get; init; }
    public double WindowSeconds { get; init; }
    public List<ContainerUsageSample> Containers { get; init; } = [];
}

public sealed record ContainerUsageSample
{
    public string Name { get; init; } = "";
    public long CpuNanoCores { get; init; }
    /// <summary>Working set: usage less inactive file pages, as the kubelet counts it.</summary>
    public long MemoryBytes { get; init; }
}

/// <summary>What a service proxy reports every metrics interval (POST /apis/metrics.eventorch.io/v1/proxyreports): its
/// own traffic per service and backend pod over the window that just ended.</summary>
public sealed record ProxyTrafficReport
{
    public string ApiVersion { get; init; } = MetricsReportNames.ApiVersion;
    public string Kind { get; init; } = "ProxyTrafficReport";
    /// <summary>Which proxy instance measured it: each instance's newest sample counts once, the instances' rates add up.</summary>
    public string Proxy { get; init; } = "";
    public DateTimeOffset Timestamp { get; init; }
    public double WindowSeconds { get; init; }
    public List<PodTrafficSample> Pods { get; init; } = [];
}

/// <summary>A backend pod's traffic from one service: requests forwarded, errors (5xx or failed forwards) and the 95th
/// percentile of their latency (null when there were none).</summary>
public sealed record PodTrafficSample
{
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public string Service { get; init; } = "";
    public long Requests { get; init; }
    public long Errors { get; init; }
    public double? LatencyP95Seconds { get; init; }
}

public static class MetricsReportNames
{
    public const string Group = "metrics.eventorch.io";
    public const string ApiVersion = "metrics.eventorch.io/v1";
}
