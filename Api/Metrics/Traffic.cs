namespace EventOrch.Api.Metrics;

/// <summary>A pod's or a Service's traffic as the proxies together saw it over their newest windows.</summary>
public sealed record Traffic(string Namespace, string Name, DateTimeOffset Timestamp, double WindowSeconds,
    double RequestsPerSecond, double ErrorsPerSecond, double LatencyP95Seconds)
{
    /// <summary>Each pod's traffic: every proxy's rates for it added (a pod behind two services gets both services'
    /// traffic). Pure.</summary>
    public static IReadOnlyList<Traffic> PerPod(IEnumerable<PodTrafficRow> rows) => Sum(rows.Where(r => r.Pod.Length > 0), r => r.Pod);

    /// <summary>Each Service's traffic: the rates of all its pods through every proxy added. The proxies name a Service
    /// by its key, <c>namespace/name</c>. Pure.</summary>
    public static IReadOnlyList<Traffic> PerService(IEnumerable<PodTrafficRow> rows) =>
        Sum(rows.Where(r => r.Pod.Length > 0 && r.Service.Length > 0), r => r.Service[(r.Service.IndexOf('/') + 1)..]);

    // Each proxy measured its own window, so its counts are divided by its own window before adding. Percentiles of
    // separate windows cannot be added: the p95 is the highest of the rows that saw requests (0 when none did), an
    // upper bound of the true one.
    private static IReadOnlyList<Traffic> Sum(IEnumerable<PodTrafficRow> rows, Func<PodTrafficRow, string> nameOf) =>
        rows.GroupBy(r => (r.Namespace, Name: nameOf(r)))
            .Select(g => new Traffic(g.Key.Namespace, g.Key.Name,
                g.Max(r => r.Timestamp),
                g.Max(r => r.WindowSeconds),
                g.Sum(r => Rate(r.Requests, r.WindowSeconds)),
                g.Sum(r => Rate(r.Errors, r.WindowSeconds)),
                g.Where(r => r.Requests > 0).Select(r => r.LatencyP95Seconds ?? 0).DefaultIfEmpty(0).Max()))
            .OrderBy(t => t.Namespace, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)
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
