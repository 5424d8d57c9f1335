using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Npgsql;

namespace EventOrch.Tests.Integration.Metrics;

/// <summary>The Api's side of the metrics pipeline against the real PostgreSQL: reports from the components' identity
/// only, validated, kept in the shared sample tables, served as metrics.k8s.io and custom.metrics.k8s.io while fresh,
/// and pruned.</summary>
public sealed class MetricsApiTests(MetricsApiServer api) : IClassFixture<MetricsApiServer>
{
    private const string NodeReports = "/apis/metrics.eventorch.io/v1/nodereports";
    private const string ProxyReports = "/apis/metrics.eventorch.io/v1/proxyreports";

    private HttpClient Component => api.CreateClient(api.ComponentToken);

    private static NodeUsageReport NodeReport(string node, string pod, long cpu = 250_000_000) => new()
    {
        Nodes =
        [
            new NodeUsageSample
            {
                Name = node, Timestamp = DateTimeOffset.UtcNow, WindowSeconds = 5, CpuNanoCores = 1_500_000_000, MemoryBytes = 2L << 30,
                Pods =
                [
                    new PodUsageSample
                    {
                        Namespace = "default", Name = pod, Timestamp = DateTimeOffset.UtcNow, WindowSeconds = 5,
                        Containers = [new ContainerUsageSample { Name = "main", CpuNanoCores = cpu, MemoryBytes = 64L << 20 }],
                    },
                ],
            },
        ],
    };

    private static ProxyTrafficReport ProxyReport(string proxy, string pod, long requests, long errors, double p95) => new()
    {
        Proxy = proxy,
        Timestamp = DateTimeOffset.UtcNow,
        WindowSeconds = 5,
        Pods = [new PodTrafficSample { Namespace = "default", Name = pod, Service = "default/web", Requests = requests, Errors = errors, LatencyP95Seconds = p95 }],
    };

    private async Task<string> PodAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        await api.Client.CreatePodAsync(ObjectClient.NewPod(name, new Dictionary<string, string> { ["app"] = name }));
        return name;
    }

    [Fact]
    public async Task A_reported_pod_sample_is_served_as_pod_metrics_with_the_pods_labels()
    {
        var pod = await PodAsync("served");
        var (posted, _, response) = await Component.SendAsync<Status>(HttpMethod.Post, NodeReports, NodeReport("node-a", pod));
        Assert.True(posted == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var (code, metrics, _) = await api.Client.SendAsync<PodMetrics>(HttpMethod.Get, $"/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/{pod}");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("250m", metrics!.Containers.Single().Usage["cpu"]);
        Assert.Equal("64Mi", metrics.Containers.Single().Usage["memory"]);
        Assert.Equal(pod, metrics.Metadata.Labels!["app"]);
        Assert.Equal("5s", metrics.Window);

        var (_, selected, _) = await api.Client.SendAsync<ObjectList<PodMetrics>>(HttpMethod.Get, $"/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3D{pod}");
        Assert.Equal(pod, Assert.Single(selected!.Items).Metadata.Name);
        var (_, everywhere, _) = await api.Client.SendAsync<ObjectList<PodMetrics>>(HttpMethod.Get, "/apis/metrics.k8s.io/v1beta1/pods");
        Assert.Contains(everywhere!.Items, m => m.Metadata.Name == pod);
        var (_, other, _) = await api.Client.SendAsync<ObjectList<PodMetrics>>(HttpMethod.Get, $"/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dnone");
        Assert.Empty(other!.Items);
    }

    [Fact]
    public async Task A_node_sample_is_served_as_node_metrics_for_a_node_that_exists()
    {
        var node = $"n{Guid.NewGuid():N}"[..12];
        var (created, _, _) = await api.Client.SendAsync<Node>(HttpMethod.Post, "/api/v1/nodes", new Node { Metadata = new ObjectMeta { Name = node } });
        Assert.Equal(HttpStatusCode.Created, created);
        await Component.SendAsync<Status>(HttpMethod.Post, NodeReports, NodeReport(node, "nopod"));

        var (code, metrics, _) = await api.Client.SendAsync<NodeMetrics>(HttpMethod.Get, $"/apis/metrics.k8s.io/v1beta1/nodes/{node}");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("1500m", metrics!.Usage["cpu"]);
        Assert.Equal("2Gi", metrics.Usage["memory"]);
        var (_, list, _) = await api.Client.SendAsync<ObjectList<NodeMetrics>>(HttpMethod.Get, "/apis/metrics.k8s.io/v1beta1/nodes");
        Assert.Contains(list!.Items, n => n.Metadata.Name == node);
        // A sample of a node that is not registered is not served.
        await Component.SendAsync<Status>(HttpMethod.Post, NodeReports, NodeReport("ghost-node", "nopod"));
        var (ghost, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, "/apis/metrics.k8s.io/v1beta1/nodes/ghost-node");
        Assert.Equal(HttpStatusCode.NotFound, ghost);
        Assert.Equal("NotFound", status!.Reason);
    }

    [Fact]
    public async Task Reports_from_another_identity_are_forbidden_and_store_nothing()
    {
        var pod = await PodAsync("refused");
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, NodeReports, NodeReport("node-a", pod));
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Contains(ApiServer.AdminUser, status!.Message);
        var (proxyCode, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ProxyReports, ProxyReport("p", pod, 1, 0, 0.01));
        Assert.Equal(HttpStatusCode.Forbidden, proxyCode);
        var (read, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, $"/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/{pod}");
        Assert.Equal(HttpStatusCode.NotFound, read);
    }

    [Fact]
    public async Task An_invalid_report_is_refused_naming_the_field_and_stores_nothing()
    {
        var pod = await PodAsync("invalid");
        var report = NodeReport("node-a", pod, cpu: -1);
        var (code, status, _) = await Component.SendAsync<Status>(HttpMethod.Post, NodeReports, report);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("nodes[0].pods[0].containers[0].cpuNanoCores", Assert.Single(status!.Details!.Causes!).Field);
        var (read, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, $"/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/{pod}");
        Assert.Equal(HttpStatusCode.NotFound, read);

        var (bad, badStatus, _) = await Component.SendAsync<Status>(HttpMethod.Post, ProxyReports, ProxyReport("p", pod, 1, 2, 0.01));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad);
        Assert.Equal("pods[0].errors", Assert.Single(badStatus!.Details!.Causes!).Field);
    }

    [Fact]
    public async Task A_pods_request_rate_is_the_sum_over_the_proxies_newest_reports()
    {
        var pod = await PodAsync("rate");
        // Proxy a: an older report, then its newest; only the newest counts.
        await Component.SendAsync<Status>(HttpMethod.Post, ProxyReports, ProxyReport("proxy-a", pod, 500, 0, 0.5));
        await Component.SendAsync<Status>(HttpMethod.Post, ProxyReports, ProxyReport("proxy-a", pod, 50, 5, 0.02) with { Timestamp = DateTimeOffset.UtcNow.AddMilliseconds(10) });
        await Component.SendAsync<Status>(HttpMethod.Post, ProxyReports, ProxyReport("proxy-b", pod, 25, 0, 0.04));

        var (code, values, _) = await api.Client.SendAsync<MetricValueList>(HttpMethod.Get,
            $"/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/pods/*/{ProxyMetricNames.RequestsPerSecond}?labelSelector=app%3D{pod}");
        Assert.Equal(HttpStatusCode.OK, code);
        var value = Assert.Single(values!.Items);
        Assert.Equal(pod, value.DescribedObject.Name);
        Assert.Equal("15", value.Value); // 50/5 + 25/5
        var (_, errors, _) = await api.Client.SendAsync<MetricValueList>(HttpMethod.Get,
            $"/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/pods/{pod}/{ProxyMetricNames.ErrorsPerSecond}");
        Assert.Equal("1", Assert.Single(errors!.Items).Value);
        var (_, latency, _) = await api.Client.SendAsync<MetricValueList>(HttpMethod.Get,
            $"/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/pods/{pod}/{ProxyMetricNames.LatencyP95Seconds}");
        Assert.Equal("40m", Assert.Single(latency!.Items).Value);
    }

    [Fact]
    public async Task A_services_request_rate_is_the_sum_over_its_pods_and_the_proxies()
    {
        var (first, second) = (await PodAsync("svc"), await PodAsync("svc"));
        var service = $"svc-{Guid.NewGuid():N}"[..16];
        await api.Client.SendAsync<Service>(HttpMethod.Post, "/api/v1/namespaces/default/services", new Service
        {
            Metadata = new ObjectMeta { Name = service },
            Spec = new ServiceSpec { Selector = new() { ["app"] = service }, Ports = [new ServicePort { Port = 80 }] },
        });
        PodTrafficSample Sample(string pod, long requests, double p95) =>
            new() { Namespace = "default", Name = pod, Service = $"default/{service}", Requests = requests, LatencyP95Seconds = p95 };
        await Component.SendAsync<Status>(HttpMethod.Post, ProxyReports, ProxyReport("proxy-s1", first, 0, 0, 0) with { Pods = [Sample(first, 50, 0.02), Sample(second, 25, 0.03)] });
        await Component.SendAsync<Status>(HttpMethod.Post, ProxyReports, ProxyReport("proxy-s2", first, 0, 0, 0) with { Pods = [Sample(second, 25, 0.08)] });

        var (code, values, _) = await api.Client.SendAsync<MetricValueList>(HttpMethod.Get,
            $"/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/services/{service}/{ProxyMetricNames.RequestsPerSecond}");
        var (_, latency, _) = await api.Client.SendAsync<MetricValueList>(HttpMethod.Get,
            $"/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/services/{service}/{ProxyMetricNames.LatencyP95Seconds}");
        var (missing, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Get,
            $"/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/services/no-such-service/{ProxyMetricNames.RequestsPerSecond}");

        Assert.Equal(HttpStatusCode.OK, code);
        var value = Assert.Single(values!.Items);
        Assert.Equal(("Service", service, "20"), (value.DescribedObject.Kind, value.DescribedObject.Name, value.Value)); // (50 + 25 + 25) / 5
        Assert.Equal("80m", Assert.Single(latency!.Items).Value); // the highest p95 of any proxy and pod: an upper bound
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Contains("no-such-service", status!.Message);
    }

    [Fact]
    public async Task An_unknown_metric_and_a_pod_without_samples_are_not_found()
    {
        var pod = await PodAsync("missing");
        var (unknown, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, $"/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/pods/{pod}/bogus");
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Contains("bogus", status!.Message);
        var (none, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Get,
            $"/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/pods/{pod}/{ProxyMetricNames.RequestsPerSecond}");
        Assert.Equal(HttpStatusCode.NotFound, none);
        var (badSelector, selectorStatus, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=a%3D%3D%3Db");
        Assert.Equal(HttpStatusCode.BadRequest, badSelector);
        Assert.Equal("labelSelector", selectorStatus!.Details?.Causes?.FirstOrDefault()?.Field ?? "labelSelector");
    }

    [Theory]
    [InlineData("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/a,b")]
    [InlineData("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/a=b")]
    [InlineData("/apis/metrics.k8s.io/v1beta1/nodes/a,b")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/pods/a,b/requests_per_second")]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/services/a%5Cb/requests_per_second")]
    public async Task A_name_with_field_selector_syntax_in_it_is_not_found_rather_than_a_server_error(string path)
    {
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("NotFound", status!.Reason);
    }

    [Fact]
    public async Task A_stale_sample_is_not_served_and_an_old_one_is_pruned()
    {
        var pod = await PodAsync("stale");
        await Component.SendAsync<Status>(HttpMethod.Post, NodeReports, NodeReport("node-a", pod));
        var (fresh, _, _) = await api.Client.SendAsync<PodMetrics>(HttpMethod.Get, $"/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/{pod}");
        Assert.Equal(HttpStatusCode.OK, fresh);

        // MaxAge is 5 s: the sample soon stops being served as current.
        await Eventually.WaitFor(async () => (await api.Client.SendAsync<Status>(HttpMethod.Get, $"/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/{pod}")).Code,
            c => c == HttpStatusCode.NotFound, "the stale sample to stop being served", TimeSpan.FromSeconds(15));
        // Retention is 8 s, pruned every second: the row goes.
        await Eventually.WaitFor(() => RowsOfAsync(pod), n => n == 0, "the old sample to be pruned", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task The_sample_tables_are_unlogged()
    {
        await using var db = NpgsqlDataSource.Create(Services.PostgresConnectionString);
        await using var command = db.CreateCommand(
            "select c.relname, c.relpersistence from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relname in ('eo_pod_usage', 'eo_node_usage', 'eo_pod_traffic')");
        command.Parameters.Add(new NpgsqlParameter { Value = api.Schema.Name });
        await using var reader = await command.ExecuteReaderAsync();
        var persistence = new Dictionary<string, char>();
        while (await reader.ReadAsync()) persistence[reader.GetString(0)] = reader.GetChar(1);
        Assert.Equal(3, persistence.Count);
        Assert.All(persistence.Values, p => Assert.Equal('u', p));
    }

    private async Task<long> RowsOfAsync(string pod)
    {
        await using var db = NpgsqlDataSource.Create(Services.PostgresConnectionString);
        await using var command = db.CreateCommand($"select count(*) from {api.Schema.Name}.eo_pod_usage where pod = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = pod });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
