using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using EventOrch.ServiceProxy.Configuration;

namespace EventOrch.ServiceProxy.Metrics;

/// <summary>Request counts, errors and latency per service and per destination, served on /metrics in the Prometheus
/// text format (the autoscaler reads them). Hand-written: three counters and a histogram do not need a library.
/// An error is a response the proxy answered with 5xx (its own 502/503/504 included); for a destination, an attempt
/// that failed to forward or that it answered with 5xx.</summary>
public sealed class ProxyMetrics
{
    /// <summary>Prometheus' default buckets, in seconds.</summary>
    public static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<string, Series> _services = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Service, string Destination), Series> _destinations = new();

    public void ServiceRequest(string service, double seconds, bool error) =>
        _services.GetOrAdd(service, _ => new Series()).Record(seconds, error);

    public void DestinationRequest(string service, string destination, double seconds, bool error) =>
        _destinations.GetOrAdd((service, destination), _ => new Series()).Record(seconds, error);

    /// <summary>Drops the series of services and destinations that are no longer configured, so the output follows the
    /// cluster instead of growing with every pod that ever ran.</summary>
    public void Retain(ProxySnapshot snapshot)
    {
        var services = snapshot.Clusters.Select(ServiceOf).ToHashSet(StringComparer.Ordinal);
        var destinations = snapshot.Clusters.SelectMany(c => (c.Destinations ?? new Dictionary<string, Yarp.ReverseProxy.Configuration.DestinationConfig>())
            .Keys.Select(d => (ServiceOf(c), d))).ToHashSet();
        foreach (var key in _services.Keys) if (!services.Contains(key)) _services.TryRemove(key, out _);
        foreach (var key in _destinations.Keys) if (!destinations.Contains(key)) _destinations.TryRemove(key, out _);
    }

    public string Render()
    {
        var text = new StringBuilder();
        Family(text, "eventorch_proxy_requests_total", "counter", "Requests the proxy answered for a service.",
            _services.Select(s => (Labels(s.Key), s.Value)), s => s.Requests);
        Family(text, "eventorch_proxy_request_errors_total", "counter", "Requests for a service answered with 5xx.",
            _services.Select(s => (Labels(s.Key), s.Value)), s => s.Errors);
        Histogram(text, "eventorch_proxy_request_duration_seconds", "Time from receiving a request for a service to its end.",
            _services.Select(s => (Labels(s.Key), s.Value)));
        Family(text, "eventorch_proxy_destination_requests_total", "counter", "Attempts to forward to a destination.",
            _destinations.Select(d => (Labels(d.Key.Service, d.Key.Destination), d.Value)), s => s.Requests);
        Family(text, "eventorch_proxy_destination_request_errors_total", "counter", "Attempts that failed to forward or got 5xx.",
            _destinations.Select(d => (Labels(d.Key.Service, d.Key.Destination), d.Value)), s => s.Errors);
        Histogram(text, "eventorch_proxy_destination_request_duration_seconds", "Time of one attempt at a destination.",
            _destinations.Select(d => (Labels(d.Key.Service, d.Key.Destination), d.Value)));
        return text.ToString();
    }

    private static string ServiceOf(Yarp.ReverseProxy.Configuration.ClusterConfig cluster) =>
        cluster.Metadata?.GetValueOrDefault(ProxyMetadata.Service) ?? cluster.ClusterId;

    private static void Family(StringBuilder text, string name, string type, string help, IEnumerable<(string Labels, Series Series)> series,
        Func<Snapshot, long> value)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var (labels, s) in series.OrderBy(s => s.Labels, StringComparer.Ordinal))
            text.Append(name).Append('{').Append(labels).Append("} ").Append(value(s.Read()).ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static void Histogram(StringBuilder text, string name, string help, IEnumerable<(string Labels, Series Series)> series)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" histogram\n");
        foreach (var (labels, s) in series.OrderBy(s => s.Labels, StringComparer.Ordinal))
        {
            var read = s.Read();
            long cumulative = 0;
            for (var i = 0; i < Buckets.Length; i++)
            {
                cumulative += read.Buckets[i];
                text.Append(name).Append("_bucket{").Append(labels).Append(",le=\"").Append(Buckets[i].ToString(CultureInfo.InvariantCulture))
                    .Append("\"} ").Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            text.Append(name).Append("_bucket{").Append(labels).Append(",le=\"+Inf\"} ").Append(read.Requests.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append(name).Append("_sum{").Append(labels).Append("} ").Append(read.Sum.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            text.Append(name).Append("_count{").Append(labels).Append("} ").Append(read.Requests.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static string Labels(string service)
    {
        var slash = service.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? $"service=\"{Escape(service)}\""
            : $"namespace=\"{Escape(service[..slash])}\",service=\"{Escape(service[(slash + 1)..])}\"";
    }

    private static string Labels(string service, string destination) => $"{Labels(service)},destination=\"{Escape(destination)}\"";

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed record Snapshot(long Requests, long Errors, double Sum, long[] Buckets);

    // One lock per series: an increment under an uncontended lock is cheap, and a scrape sees counts that agree.
    private sealed class Series
    {
        private readonly Lock _lock = new();
        private readonly long[] _buckets = new long[Buckets.Length];
        private long _requests, _errors;
        private double _sum;

        public void Record(double seconds, bool error)
        {
            var bucket = Array.FindIndex(Buckets, b => seconds <= b);
            lock (_lock)
            {
                _requests++;
                if (error) _errors++;
                _sum += seconds;
                if (bucket >= 0) _buckets[bucket]++;
            }
        }

        public Snapshot Read()
        {
            lock (_lock) return new Snapshot(_requests, _errors, _sum, (long[])_buckets.Clone());
        }
    }
}
