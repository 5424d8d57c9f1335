using EventOrch.Api.Metrics;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Metrics;

public sealed class MetricsApiPartsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static PodTrafficRow Row(string proxy, string pod, long requests, long errors, double window, double? p95) =>
        new(proxy, "shop", pod, "shop/web", T0, window, requests, errors, p95);

    [Fact]
    public void A_pods_rates_add_up_over_proxies_each_over_its_own_window()
    {
        var traffic = Traffic.PerPod([Row("a", "web-1", 50, 5, 5, 0.02), Row("b", "web-1", 20, 0, 2, 0.04), Row("a", "web-2", 0, 0, 5, null)]);
        var web1 = traffic.Single(t => t.Name == "web-1");
        Assert.Equal(20, web1.RequestsPerSecond, 6); // 50/5 + 20/2
        Assert.Equal(1, web1.ErrorsPerSecond, 6);
        Assert.Equal(0.04, web1.LatencyP95Seconds, 6); // the highest proxy's
        var web2 = traffic.Single(t => t.Name == "web-2");
        Assert.Equal((0, 0, 0), (web2.RequestsPerSecond, web2.ErrorsPerSecond, web2.LatencyP95Seconds));
    }

    [Fact]
    public void A_rate_over_an_empty_window_is_zero() => Assert.Equal(0, Traffic.Rate(10, 0));

    [Theory]
    [InlineData(250_000_000L, "250m")]
    [InlineData(1_234_567L, "1234567n")]
    [InlineData(2_000_000_000L, "2")]
    [InlineData(-5L, "0")]
    public void Cpu_prints_in_cores_to_the_nanocore(long nanoCores, string expected) => Assert.Equal(expected, MetricsFormat.Cpu(nanoCores));

    [Theory]
    [InlineData(64L << 20, "64Mi")]
    [InlineData(405504L, "396Ki")]
    [InlineData(1000L, "1k")] // as Kubernetes prints it: no integer binary mantissa, so decimal
    public void Memory_prints_in_bytes_with_binary_suffixes(long bytes, string expected) => Assert.Equal(expected, MetricsFormat.Memory(bytes));

    [Theory]
    [InlineData(12.5, "12500m")]
    [InlineData(0.0123, "12300u")]
    [InlineData(double.NaN, "0")]
    public void Custom_metric_values_print_as_quantities(double value, string expected) => Assert.Equal(expected, MetricsFormat.Value(value));

    [Theory]
    [InlineData(5.0, "5s")]
    [InlineData(5.01234, "5.012s")]
    public void Windows_print_as_go_durations(double seconds, string expected) => Assert.Equal(expected, MetricsFormat.Window(seconds));

    [Fact]
    public void A_proxy_report_without_a_name_or_with_a_negative_count_is_invalid_naming_the_fields()
    {
        var errors = MetricsReportValidation.Validate(new ProxyTrafficReport
        {
            Proxy = "",
            WindowSeconds = 0,
            Pods = [new PodTrafficSample { Namespace = "shop", Name = "web-1", Service = "shop/web", Requests = -1 }],
        });
        Assert.Equal(["proxy", "windowSeconds", "pods[0].requests"], errors.Select(e => e.Field));
    }

    [Fact]
    public void A_node_report_names_at_least_one_node() =>
        Assert.Equal("nodes", Assert.Single(MetricsReportValidation.Validate(new NodeUsageReport())).Field);
}
