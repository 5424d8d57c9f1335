using System.Diagnostics;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Support;

/// <summary>A steady load for autoscaling tests and benchmarks: GETs by <c>Host</c> header to the service proxy's entry
/// point on loopback, at a fixed rate, bounded in count and time.</summary>
public static class RequestLoad
{
    public const string EntryPoint = "http://127.0.0.1:8000";

    /// <summary>Sends until <paramref name="stop"/> is cancelled, <paramref name="maxRequests"/> were sent or
    /// <paramref name="limit"/> has passed, whichever is first; waits for the answers, and returns how many were sent.
    /// Failed requests are not counted apart: the proxy's own measurements are what the test reads.</summary>
    public static async Task<int> RunAsync(HttpClient traffic, string host, int perSecond, int maxRequests, TimeSpan limit, CancellationToken stop)
    {
        var sent = 0;
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1000.0 / perSecond));
        try
        {
            while (sent < maxRequests && clock.Elapsed < limit && await timer.WaitForNextTickAsync(stop))
            {
                sent++;
                inFlight.Add(SendAsync(traffic, host));
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(inFlight);
        return sent;
    }

    private static async Task SendAsync(HttpClient traffic, string host)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{EntryPoint}/") { Headers = { Host = host } };
            using var response = await traffic.SendAsync(request);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
        }
    }

    /// <summary>An autoscaler of Deployment <paramref name="target"/> on the proxy's requests per second per pod, with
    /// a scale-down window of <paramref name="scaleDownWindowSeconds"/> (not the default 5 minutes), down by up to all
    /// replicas per that window.</summary>
    public static HorizontalPodAutoscaler RequestsPerSecondAutoscaler(string target, string perPod, int min, int max, int scaleDownWindowSeconds) => new()
    {
        Metadata = new ObjectMeta { Name = target },
        Spec = new HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = target },
            MinReplicas = min,
            MaxReplicas = max,
            Metrics = [new MetricSpec
            {
                Type = MetricSourceTypes.Pods,
                Pods = new PodsMetricSource
                {
                    Metric = new MetricIdentifier { Name = ProxyMetricNames.RequestsPerSecond },
                    Target = new MetricTarget { Type = MetricTargetTypes.AverageValue, AverageValue = perPod },
                },
            }],
            Behavior = new HorizontalPodAutoscalerBehavior
            {
                ScaleDown = new HpaScalingRules
                {
                    StabilizationWindowSeconds = scaleDownWindowSeconds,
                    Policies = [new() { Type = ScalingPolicyTypes.Percent, Value = 100, PeriodSeconds = Math.Max(1, scaleDownWindowSeconds) }],
                },
            },
        },
    };
}
