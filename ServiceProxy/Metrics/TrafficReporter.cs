using System.Globalization;
using System.Text.Json;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using EventOrch.ServiceProxy.Configuration;
using Microsoft.Extensions.Options;

namespace EventOrch.ServiceProxy.Metrics;

/// <summary>Every interval, closes the traffic window and reports it to the Api: per service and backend pod, the
/// requests forwarded, the errors and the p95 latency. Every pod among a service's ready endpoints is in the report,
/// with zeros when it got nothing, so the autoscaler sees an idle pod as idle rather than unknown.</summary>
public sealed partial class TrafficReporter(
    PodTrafficWindows windows,
    ServiceProxyConfigProvider config,
    KubeApiClient api,
    IOptions<TrafficReportOptions> options,
    IOptions<ProxyOptions> proxy,
    TimeProvider time,
    ILogger<TrafficReporter> logger) : BackgroundService
{
    public const string ReportPath = "/apis/metrics.eventorch.io/v1/proxyreports";

    private readonly string _instance = options.Value.Instance is { Length: > 0 } named
        ? named
        : $"{Environment.MachineName.ToLowerInvariant()}:{proxy.Value.ListenAddress}:{proxy.Value.EntryPort.ToString(CultureInfo.InvariantCulture)}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        var opened = time.GetTimestamp();
        windows.Close();
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var window = time.GetElapsedTime(opened);
            opened = time.GetTimestamp();
            var report = Report(windows.Close(), ReadyPods(config.Current), window.TotalSeconds, time.GetUtcNow());
            try
            {
                await api.SendJsonAsync(HttpMethod.Post, ReportPath, JsonSerializer.SerializeToNode(report, KubeJson.Options), cancellationToken: stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The window is gone either way: the next report covers its own interval.
                LogReportFailed(e);
            }
        }
    }

    /// <summary>The measured pods, and a zero for each ready pod that got no request. Pure.</summary>
    public ProxyTrafficReport Report(List<PodTrafficSample> measured, IEnumerable<(string Service, string Namespace, string Pod)> ready,
        double windowSeconds, DateTimeOffset now)
    {
        var seen = measured.Select(m => (m.Service, m.Namespace, m.Name)).ToHashSet();
        var idle = ready.Distinct().Where(r => !seen.Contains(r))
            .Select(r => new PodTrafficSample { Service = r.Service, Namespace = r.Namespace, Name = r.Pod });
        return new ProxyTrafficReport
        {
            Proxy = _instance,
            Timestamp = now,
            WindowSeconds = windowSeconds,
            Pods = [.. measured.Where(m => m.Namespace.Length > 0), .. idle],
        };
    }

    /// <summary>The pods behind each service's ready addresses, as the current snapshot routes to them.</summary>
    public static IEnumerable<(string Service, string Namespace, string Pod)> ReadyPods(ProxySnapshot snapshot) =>
        snapshot.Clusters.SelectMany(cluster => (cluster.Destinations ?? new Dictionary<string, Yarp.ReverseProxy.Configuration.DestinationConfig>()).Values
            .Where(d => d.Metadata?.ContainsKey(ProxyMetadata.PodName) == true && d.Metadata.GetValueOrDefault(ProxyMetadata.PodNamespace) is { Length: > 0 })
            .Select(d => (cluster.Metadata?.GetValueOrDefault(ProxyMetadata.Service) ?? cluster.ClusterId,
                d.Metadata![ProxyMetadata.PodNamespace], d.Metadata[ProxyMetadata.PodName])));

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "Reporting traffic to the Api failed; the next interval reports its own window")]
    private partial void LogReportFailed(Exception exception);
}
