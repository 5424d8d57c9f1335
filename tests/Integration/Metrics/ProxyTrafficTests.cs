using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;
using EventOrch.Tests.Integration.ServiceProxy;
using EventOrch.Tests.Support;
using Xunit.Abstractions;

namespace EventOrch.Tests.Integration.Metrics;

/// <summary>The Api and a ServiceProxy reporting every second.</summary>
public sealed class ProxyTrafficFixture : MetricsApiServer
{
    public ProxyHost Proxy { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Proxy = await ProxyHost.StartAsync(this, new Dictionary<string, string?> { ["Metrics:Interval"] = "00:00:01" });
    }

    public override async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>Traffic through the real proxy to loopback backends standing in for pods, measured per pod and read back
/// through custom.metrics.k8s.io.</summary>
public sealed class ProxyTrafficTests(ProxyTrafficFixture cluster, ITestOutputHelper output) : IClassFixture<ProxyTrafficFixture>, IAsyncLifetime
{
    private readonly List<TestBackend> _backends = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var backend in _backends) await backend.DisposeAsync();
    }

    private async Task<TestBackend> PodBehindAsync(string pod, string app)
    {
        var backend = await TestBackend.StartAsync(pod);
        _backends.Add(backend);
        await cluster.Client.CreatePodAsync(ObjectClient.NewPod(pod, new Dictionary<string, string> { ["app"] = app }));
        return backend;
    }

    private async Task ServeAsync(string service, params (string Pod, TestBackend Backend)[] pods)
    {
        var (created, _, response) = await cluster.Client.SendAsync<Service>(HttpMethod.Post, "/api/v1/namespaces/default/services",
            new Service { Metadata = new ObjectMeta { Name = service }, Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] } });
        Assert.True(created == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var endpoints = new Endpoints
        {
            Metadata = new ObjectMeta { Name = service },
            Subsets = [.. pods.Select(p => new EndpointSubset
            {
                Addresses = [new EndpointAddress { Ip = "127.0.0.1", TargetRef = new ObjectReference { Kind = "Pod", Namespace = "default", Name = p.Pod } }],
                Ports = [new EndpointPort { Port = p.Backend.Port }],
            })],
        };
        var (code, _, written) = await cluster.Client.SendAsync<Endpoints>(HttpMethod.Post, "/api/v1/namespaces/default/endpoints", endpoints);
        Assert.True(code == HttpStatusCode.Created, await written.Content.ReadAsStringAsync());
    }

    private async Task<Dictionary<string, decimal>> ValuesAsync(string metric, string app)
    {
        var (code, list, _) = await cluster.Client.SendAsync<MetricValueList>(HttpMethod.Get,
            $"/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/pods/*/{metric}?labelSelector=app%3D{app}");
        Assert.Equal(HttpStatusCode.OK, code);
        return list!.Items.ToDictionary(i => i.DescribedObject.Name!, i => Quantity.Parse(i.Value).Value);
    }

    [Fact]
    public async Task Traffic_to_a_service_shows_as_requests_per_second_near_the_sent_rate_and_an_idle_pod_as_zero()
    {
        var a = await PodBehindAsync("web-a", "web");
        var b = await PodBehindAsync("web-b", "web");
        var idle = await PodBehindAsync("idle-a", "idle");
        await ServeAsync("web", ("web-a", a), ("web-b", b));
        await ServeAsync("idle", ("idle-a", idle));
        await Eventually.WaitFor(async () => (await cluster.Proxy.GetAsync("web.default.svc")).Code, c => c == HttpStatusCode.OK, "the proxy to route web");

        // 20 requests a second, spread over both pods by round robin, until the metric has seen it.
        using var sending = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sender = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
            while (await timer.WaitForNextTickAsync(sending.Token)) await cluster.Proxy.GetAsync("web.default.svc");
        });
        try
        {
            var rates = await Eventually.WaitFor(() => ValuesAsync(ProxyMetricNames.RequestsPerSecond, "web"),
                v => v.Count == 2 && v.Values.Sum() is >= 14 and <= 26 && v.Values.All(r => r is >= 5 and <= 15),
                "web's pods to show about 10 requests per second each", TimeSpan.FromSeconds(45));
            output.WriteLine(string.Join(", ", rates.Select(r => $"{r.Key}: {r.Value}/s")));
            var latency = await ValuesAsync(ProxyMetricNames.LatencyP95Seconds, "web");
            Assert.All(latency.Values, l => Assert.True(l is > 0 and < 5, $"p95 {l} s"));
            var errors = await ValuesAsync(ProxyMetricNames.ErrorsPerSecond, "web");
            Assert.All(errors.Values, e => Assert.Equal(0, e));
        }
        finally
        {
            await sending.CancelAsync();
            await sender.ContinueWith(_ => { });
        }

        var idleRate = await ValuesAsync(ProxyMetricNames.RequestsPerSecond, "idle");
        Assert.Equal(0, Assert.Single(idleRate).Value);
        Assert.Equal("idle-a", idleRate.Keys.Single());
    }
}
