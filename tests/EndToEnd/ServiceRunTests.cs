using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.EndToEnd;

/// <summary>Services through the processes ./eo up started, with real containers behind the ServiceProxy: a
/// NodePort, the Host route on the proxy's entry point and an Ingress path all reach every replica; scaling down
/// under a steady stream of requests fails none; a replica whose readiness fails stops receiving traffic; a
/// Service with no ready endpoints answers 503; a WebSocket echo passes through.</summary>
public sealed class ServiceRunTests : IDisposable
{
    private const string EntryPoint = "http://127.0.0.1:8000";
    private readonly HttpClient _client = Cluster.AdminClient();
    private readonly HttpClient _traffic = new() { Timeout = TimeSpan.FromSeconds(10) };
    private string _namespace = "";

    // The distinct answers of `count` requests, sorted and joined: a pod name per replica reached, or the status and
    // body of whatever else came back (so a wait that runs out says what it got).
    private async Task<string> AnswersAsync(Func<HttpRequestMessage> request, int count)
    {
        var answers = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            using var sent = request();
            try
            {
                using var response = await _traffic.SendAsync(sent);
                var body = (await response.Content.ReadAsStringAsync()).Trim();
                answers.Add(response.StatusCode == HttpStatusCode.OK ? body : $"{(int)response.StatusCode} {body}");
            }
            catch (HttpRequestException ex)
            {
                answers.Add(ex.Message);
            }
        }
        return string.Join(", ", answers);
    }

    private static string Expected(IEnumerable<string> pods) => string.Join(", ", pods.Order(StringComparer.Ordinal));

    // The proxy follows the Services, Endpoints and Ingresses a moment after the Api: wait until every replica answers.
    private Task ReachAllAsync(Func<HttpRequestMessage> request, IEnumerable<string> pods, string what) =>
        Eventually.WaitFor(() => AnswersAsync(request, 60), answers => answers == Expected(pods), $"60 requests {what} reaching every replica");

    private HttpRequestMessage ByHost(string host, string path = "/") => new(HttpMethod.Get, $"{EntryPoint}{path}") { Headers = { Host = host } };

    private async Task<int> ReadyEndpointsAsync(string name) =>
        (await _client.SendAsync<ObjectList<Endpoints>>(HttpMethod.Get, $"/api/v1/namespaces/{_namespace}/endpoints")).Body!.Items
            .FirstOrDefault(e => e.Metadata.Name == name)?.Subsets?.Sum(s => s.Addresses?.Count ?? 0) ?? 0;

    [Fact]
    public async Task Every_replica_answers_through_the_node_port_the_host_route_and_an_ingress_and_scaling_fails_no_request()
    {
        _namespace = await _client.NewNamespaceAsync();
        await _client.SendAsync<Deployment>(HttpMethod.Post, $"/apis/apps/v1/namespaces/{_namespace}/deployments", new Deployment
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new DeploymentSpec { Replicas = 3, Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } }, Template = Cluster.WebTemplate("web") },
        });
        var (_, service, _) = await _client.SendAsync<Service>(HttpMethod.Post, $"/api/v1/namespaces/{_namespace}/services", new Service
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new ServiceSpec { Type = ServiceTypes.NodePort, Selector = new() { ["app"] = "web" }, Ports = [new ServicePort { Port = 80, TargetPort = "http" }] },
        });
        await _client.SendAsync<Ingress>(HttpMethod.Post, $"/apis/networking.k8s.io/v1/namespaces/{_namespace}/ingresses", new Ingress
        {
            Metadata = new ObjectMeta { Name = "site" },
            Spec = new IngressSpec
            {
                Rules = [new IngressRule
                {
                    Host = $"{_namespace}.example.test",
                    Http = new HttpIngressRuleValue
                    {
                        Paths = [new HttpIngressPath
                        {
                            Path = "/", PathType = PathTypes.Prefix,
                            Backend = new IngressBackend { Service = new IngressServiceBackend { Name = "web", Port = new ServiceBackendPort { Number = 80 } } },
                        }],
                    },
                }],
            },
        });
        var pods = (await _client.ReadyPodsAsync(_namespace, p => p.Count == 3, "3 ready replicas")).Select(p => p.Metadata.Name!).ToHashSet();
        await Eventually.WaitFor(() => ReadyEndpointsAsync("web"), n => n == 3, "3 ready endpoints");

        var nodePort = service!.Spec.Ports![0].NodePort!.Value;
        await ReachAllAsync(() => new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{nodePort}/"), pods, "through the node port");
        await ReachAllAsync(() => ByHost($"web.{_namespace}.svc"), pods, "by Host {service}.{namespace}.svc");
        await ReachAllAsync(() => ByHost($"web.{_namespace}"), pods, "by Host {service}.{namespace}");
        await ReachAllAsync(() => ByHost($"{_namespace}.example.test"), pods, "through the Ingress rule");
        // node-2's proxy (./eo test runs two nodes) serves the same routes on its own address.
        await ReachAllAsync(() => new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.2:{nodePort}/"), pods, "through node-2's proxy on the node port");
        await ReachAllAsync(() => new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.2:8000/") { Headers = { Host = $"web.{_namespace}.svc" } }, pods,
            "through node-2's proxy by Host");

        // Scale to 5, down to 2 and up to 4 while requests keep coming: none may fail.
        var failures = 0;
        var sent = 0;
        using var stop = new CancellationTokenSource();
        var stream = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await _traffic.SendAsync(ByHost($"web.{_namespace}.svc"));
                    if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref failures);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }
                Interlocked.Increment(ref sent);
            }
        });
        foreach (var replicas in new[] { 5, 2, 4 })
        {
            await _client.SendAsync<Scale>(HttpMethod.Patch, $"/apis/apps/v1/namespaces/{_namespace}/deployments/web/scale",
                new { spec = new { replicas } }, "application/merge-patch+json");
            await Eventually.WaitFor(() => ReadyEndpointsAsync("web"), n => n == replicas, $"{replicas} ready endpoints", TimeSpan.FromSeconds(90));
            await _client.ReadyPodsAsync(_namespace, p => p.Count == replicas, $"{replicas} ready replicas");
        }
        await stop.CancelAsync();
        await stream;
        Assert.True(sent > 50, $"only {sent} requests were sent while scaling");
        Assert.Equal(0, failures);

        // Scaled back up, the load spreads to the new replicas once they are Ready.
        var remaining = await _client.ReadyPodsAsync(_namespace, p => p.Count == 4, "4 ready replicas");
        await ReachAllAsync(() => ByHost($"web.{_namespace}.svc"), remaining.Select(p => p.Metadata.Name!), "after scaling back up to 4");

        // A replica whose readiness probe starts failing leaves the endpoints and gets no more traffic.
        var sick = remaining[0];
        var container = Cluster.Docker($"ps -q --filter label=io.eventorch.pod.uid={sick.Metadata.Uid} --filter label=io.eventorch.container.name=httpd").Trim();
        Cluster.Docker($"exec {container} rm /www/index.html");
        await Eventually.WaitFor(() => ReadyEndpointsAsync("web"), n => n == 3, "the sick replica out of the endpoints", TimeSpan.FromSeconds(30));
        await ReachAllAsync(() => ByHost($"web.{_namespace}.svc"), remaining.Skip(1).Select(p => p.Metadata.Name!), "with the sick replica left out");
    }

    [Fact]
    public async Task A_service_with_no_ready_endpoints_answers_503_saying_so()
    {
        _namespace = await _client.NewNamespaceAsync();
        await _client.SendAsync<Service>(HttpMethod.Post, $"/api/v1/namespaces/{_namespace}/services", new Service
        {
            Metadata = new ObjectMeta { Name = "empty" },
            Spec = new ServiceSpec { Selector = new() { ["app"] = "nothing" }, Ports = [new ServicePort { Port = 80 }] },
        });

        var response = await Eventually.WaitFor(async () => await _traffic.SendAsync(ByHost($"empty.{_namespace}.svc")),
            r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "a 503 from the proxy");
        Assert.Contains("empty", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_websocket_echo_passes_through_the_proxy()
    {
        _namespace = await _client.NewNamespaceAsync();
        // A service without a selector, whose Endpoints name an echo server this test runs on loopback.
        await using var backend = await TestBackend.StartAsync("echo");
        await _client.SendAsync<Service>(HttpMethod.Post, $"/api/v1/namespaces/{_namespace}/services", new Service
        {
            Metadata = new ObjectMeta { Name = "echo" },
            Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] },
        });
        await _client.SendAsync<Endpoints>(HttpMethod.Post, $"/api/v1/namespaces/{_namespace}/endpoints", new Endpoints
        {
            Metadata = new ObjectMeta { Name = "echo" },
            Subsets = [new EndpointSubset { Addresses = [new EndpointAddress { Ip = "127.0.0.1" }], Ports = [new EndpointPort { Port = backend.Port }] }],
        });
        await ReachAllAsync(() => ByHost($"echo.{_namespace}.svc"), ["echo"], "to the echo server");

        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.SetRequestHeader("Host", $"echo.{_namespace}.svc");
        await socket.ConnectAsync(new Uri("ws://127.0.0.1:8000/ws"), CancellationToken.None);
        await socket.SendAsync("hello through the proxy"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
        await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        Assert.Equal("hello through the proxy", System.Text.Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    public void Dispose()
    {
        if (_namespace.Length > 0) _client.DeleteAsync($"/api/v1/namespaces/{_namespace}").GetAwaiter().GetResult();
        _client.Dispose();
        _traffic.Dispose();
    }
}
