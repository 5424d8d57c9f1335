using EventOrch.ServiceProxy.Configuration;
using EventOrch.ServiceProxy.Metrics;
using Yarp.ReverseProxy.Configuration;

namespace EventOrch.Tests.Unit.ServiceProxy;

public sealed class ProxyMetricsTests
{
    [Fact]
    public void Requests_errors_and_latency_are_rendered_per_service_and_destination_in_the_prometheus_text_format()
    {
        var metrics = new ProxyMetrics();
        metrics.ServiceRequest("shop/web", 0.004, error: false);
        metrics.ServiceRequest("shop/web", 0.3, error: true);
        metrics.DestinationRequest("shop/web", "127.0.0.1:40001", 0.02, error: false);

        var text = metrics.Render();

        Assert.Contains("# TYPE eventorch_proxy_requests_total counter\n", text);
        Assert.Contains("eventorch_proxy_requests_total{namespace=\"shop\",service=\"web\"} 2\n", text);
        Assert.Contains("eventorch_proxy_request_errors_total{namespace=\"shop\",service=\"web\"} 1\n", text);
        Assert.Contains("eventorch_proxy_request_duration_seconds_bucket{namespace=\"shop\",service=\"web\",le=\"0.005\"} 1\n", text);
        Assert.Contains("eventorch_proxy_request_duration_seconds_bucket{namespace=\"shop\",service=\"web\",le=\"0.25\"} 1\n", text);
        Assert.Contains("eventorch_proxy_request_duration_seconds_bucket{namespace=\"shop\",service=\"web\",le=\"0.5\"} 2\n", text);
        Assert.Contains("eventorch_proxy_request_duration_seconds_bucket{namespace=\"shop\",service=\"web\",le=\"+Inf\"} 2\n", text);
        Assert.Contains("eventorch_proxy_request_duration_seconds_sum{namespace=\"shop\",service=\"web\"} 0.304\n", text);
        Assert.Contains("eventorch_proxy_destination_requests_total{namespace=\"shop\",service=\"web\",destination=\"127.0.0.1:40001\"} 1\n", text);
    }

    [Fact]
    public void Series_of_services_and_destinations_no_longer_configured_are_dropped()
    {
        var metrics = new ProxyMetrics();
        metrics.ServiceRequest("shop/old", 0.01, false);
        metrics.ServiceRequest("shop/web", 0.01, false);
        metrics.DestinationRequest("shop/web", "127.0.0.1:1", 0.01, false);
        metrics.DestinationRequest("shop/web", "127.0.0.1:2", 0.01, false);

        metrics.Retain(new ProxySnapshot([], [new ClusterConfig
        {
            ClusterId = "shop/web/80",
            Metadata = new Dictionary<string, string> { [ProxyMetadata.Service] = "shop/web" },
            Destinations = new Dictionary<string, DestinationConfig> { ["127.0.0.1:2"] = new() { Address = "http://127.0.0.1:2" } },
        }], [], []));

        var text = metrics.Render();
        Assert.DoesNotContain("service=\"old\"", text);
        Assert.DoesNotContain("127.0.0.1:1\"", text);
        Assert.Contains("destination=\"127.0.0.1:2\"", text);
    }
}
