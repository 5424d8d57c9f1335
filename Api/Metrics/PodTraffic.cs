namespace EventOrch.Api.Metrics;

/// <summary>A pod's traffic as the proxies together saw it over their newest windows.</summary>
public sealed record PodTraffic(string Namespace, string Pod, DateTimeOffset Timestamp, double WindowSeconds,
    double RequestsPerSecond, double ErrorsPerSecond, double LatencyP95Seconds)
{
    /// <summary>Sums each proxy's rates for each pod (a pod behind two services gets both services' traffic). Each
    /// proxy measured its own window, so its counts are divided by its own window before adding. Percentiles of
    /// separate windows cannot be added: the pod's p95 is the highest of the proxies that forwarded to it (0 when
    /// none did), an upper bound of the true one. Pure.</summary>
    public static IReadOnlyList<PodTraffic> PerPod(IEnumerable<PodTrafficRow> rows) =>
        rows.Where(r => r.Pod.Length > 0)
            .GroupBy(r => (r.Namespace, r.Pod))
            .Select(g => new PodTraffic(g.Key.Namespace, g.Key.Pod,
                g.Max(r => r.Timestamp),
                g.Max(r => r.WindowSeconds),
                g.Sum(r => Rate(r.Requests, r.WindowSeconds)),
                g.Sum(r => Rate(r.Errors, r.WindowSeconds)),
                g.Where(r => r.Requests > 0).Select(r => r.LatencyP95Seconds ?? 0).DefaultIfEmpty(0).Max()))
            .OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Pod, StringComparer.Ordinal)
            .ToList();

    /// <summary>Events per second over a window; 0 for an empty window.</summary>
    public static double Rate(long count, double windowSeconds) => windowSeconds > 0 ? count / windowSeconds : 0;

    /// <summary>The value of a metric named in <see cref="Contracts.Model.ProxyMetricNames"/>, null for another name.</summary>
    public double? Value(string metric) => metric switch
    {
        Contracts.Model.ProxyMetricNames.RequestsPerSecond => RequestsPerSecond,
        Contracts.Model.ProxyMetricNames.ErrorsPerSecond => ErrorsPerSecond,
        Contracts.Model.ProxyMetricNames.LatencyP95Seconds => LatencyP95Seconds,
        _ => null,
    };
}
