using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EventOrch.Tests.Integration.ServiceProxy;

/// <summary>The ServiceProxy host against a real Api: Services and Endpoints written through the Api become routes to
/// small loopback servers standing in for pods.</summary>
public sealed class ServiceProxyTests(ServiceProxyFixture cluster) : IClassFixture<ServiceProxyFixture>, IAsyncLifetime
{
    private readonly List<TestBackend> _backends = [];

    private ProxyHost Proxy => cluster.Proxy;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var backend in _backends) await backend.DisposeAsync();
    }

    private async Task<TestBackend[]> BackendsAsync(int count, bool http2 = false)
    {
        var started = await Task.WhenAll(Enumerable.Range(1, count).Select(i => TestBackend.StartAsync($"pod-{i}", http2)));
        _backends.AddRange(started);
        return started;
    }

    private async Task CreateServiceAsync(string ns, Service service)
    {
        var (code, _, response) = await cluster.Client.SendAsync<Service>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/services", service);
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static Service NewService(string name, params ServicePort[] ports) =>
        new() { Metadata = new ObjectMeta { Name = name }, Spec = new ServiceSpec { Ports = [.. ports] } };

    private static EndpointSubset Subset(TestBackend backend, string? portName = null, bool ready = true)
    {
        var address = new EndpointAddress { Ip = "127.0.0.1" };
        return new EndpointSubset
        {
            Addresses = ready ? [address] : null,
            NotReadyAddresses = ready ? null : [address],
            Ports = [new EndpointPort { Name = portName, Port = backend.Port }],
        };
    }

    private async Task PutEndpointsAsync(string ns, string name, params EndpointSubset[] subsets)
    {
        var path = $"/api/v1/namespaces/{ns}/endpoints";
        var existing = await cluster.Client.SendAsync<Endpoints>(HttpMethod.Get, $"{path}/{name}");
        var endpoints = new Endpoints { Metadata = existing.Code == HttpStatusCode.OK ? existing.Body!.Metadata : new ObjectMeta { Name = name }, Subsets = [.. subsets] };
        var (code, _, response) = existing.Code == HttpStatusCode.OK
            ? await cluster.Client.SendAsync<Endpoints>(HttpMethod.Put, $"{path}/{name}", endpoints)
            : await cluster.Client.SendAsync<Endpoints>(HttpMethod.Post, path, endpoints);
        Assert.True(code is HttpStatusCode.OK or HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits until the proxy's cluster for a service port holds exactly these destinations, and its entry
    /// route is among the endpoints requests are matched against (YARP updates clusters just before routes).</summary>
    private async Task<ClusterState> DestinationsAsync(string clusterId, params TestBackend[] backends)
    {
        var expected = backends.Select(b => $"127.0.0.1:{b.Port}").Order(StringComparer.Ordinal).ToArray();
        var state = Proxy.Services.GetRequiredService<IProxyStateLookup>();
        var cluster = await Eventually.WaitFor(() => Task.FromResult(state.TryGetCluster(clusterId, out var c) ? c : null),
            c => c is not null && c.Destinations.Keys.Order(StringComparer.Ordinal).SequenceEqual(expected),
            $"cluster {clusterId} with destinations {string.Join(", ", expected)}");
        var endpoints = Proxy.Services.GetRequiredService<EndpointDataSource>();
        await Eventually.WaitFor(() => endpoints.Endpoints.Any(e => e.Metadata.GetMetadata<RouteModel>()?.Config.RouteId == $"{clusterId}/entry"),
            $"route {clusterId}/entry");
        return cluster!;
    }

    [Fact]
    public async Task Requests_by_host_reach_every_ready_destination_in_turn_and_never_a_not_ready_one()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("px");
        var backends = await BackendsAsync(4);
        await CreateServiceAsync(ns, NewService("web", new ServicePort { Port = 80 }));
        await PutEndpointsAsync(ns, "web", Subset(backends[0]), Subset(backends[1]), Subset(backends[2]), Subset(backends[3], ready: false));
        await DestinationsAsync($"{ns}/web/80", backends[..3]);

        var answers = new List<string>();
        foreach (var host in new[] { $"web.{ns}.svc", $"web.{ns}", $"web.{ns}.svc:{Proxy.EntryPort}" })
        {
            for (var i = 0; i < 3; i++)
            {
                var (code, body) = await Proxy.GetAsync(host);
                Assert.Equal(HttpStatusCode.OK, code);
                answers.Add(body);
            }
        }

        Assert.Equal([3, 3, 3], answers.GroupBy(a => a).Select(g => g.Count()));
        Assert.Equal(["pod-1", "pod-2", "pod-3"], answers.Distinct().Order());
        Assert.Equal(0, backends[3].Requests);
    }

    [Fact]
    public async Task A_headless_services_member_is_reached_alone_by_its_hostname_and_the_service_name_reaches_every_member()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("px");
        var backends = await BackendsAsync(2);
        await CreateServiceAsync(ns, NewService("db", new ServicePort { Port = 80 }) with { Spec = new ServiceSpec { ClusterIP = "None", Ports = [new ServicePort { Port = 80 }] } });
        var members = backends.Select((b, i) => new EndpointSubset
        {
            Addresses = [new EndpointAddress { Ip = "127.0.0.1", Hostname = $"db-{i}" }],
            Ports = [new EndpointPort { Port = b.Port }],
        }).ToArray();
        await PutEndpointsAsync(ns, "db", members);
        await DestinationsAsync($"{ns}/db/80", backends);
        await DestinationsAsync($"{ns}/db/80/member/db-0", backends[0]);
        await DestinationsAsync($"{ns}/db/80/member/db-1", backends[1]);
        // The routes are in the data source; the host's matcher takes them in when it next rebuilds, a moment later.
        await Eventually.WaitFor(() => Proxy.GetAsync($"db-0.db.{ns}"), r => r.Code == HttpStatusCode.OK, "the member routes matched");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal((HttpStatusCode.OK, "pod-1"), await Proxy.GetAsync($"db-0.db.{ns}"));
            Assert.Equal((HttpStatusCode.OK, "pod-1"), await Proxy.GetAsync($"db-0.db.{ns}.svc"));
            Assert.Equal((HttpStatusCode.OK, "pod-2"), await Proxy.GetAsync($"db-1.db.{ns}"));
        }
        Assert.Equal(3, backends[1].Requests);
        var viaService = new List<string>();
        for (var i = 0; i < 4; i++) viaService.Add((await Proxy.GetAsync($"db.{ns}")).Body);
        Assert.Equal(["pod-1", "pod-2"], viaService.Distinct().Order());
    }

    [Fact]
    public async Task Host_with_a_service_port_reaches_that_port_and_an_unknown_host_gets_a_404_naming_the_services()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("px");
        var backends = await BackendsAsync(2);
        await CreateServiceAsync(ns, NewService("api", new ServicePort { Name = "http", Port = 80 }, new ServicePort { Name = "admin", Port = 9000 }));
        await PutEndpointsAsync(ns, "api", Subset(backends[0], "http"), Subset(backends[1], "admin"));
        await DestinationsAsync($"{ns}/api/admin", backends[1]);
        await DestinationsAsync($"{ns}/api/http", backends[0]);

        Assert.Equal((HttpStatusCode.OK, "pod-1"), await Proxy.GetAsync($"api.{ns}.svc"));
        Assert.Equal((HttpStatusCode.OK, "pod-1"), await Proxy.GetAsync($"api.{ns}:80"));
        Assert.Equal((HttpStatusCode.OK, "pod-2"), await Proxy.GetAsync($"api.{ns}.svc:9000"));
        // On the entry point, /healthz is the service's own path (the stand-in has none), not the proxy's.
        Assert.Equal(HttpStatusCode.NotFound, (await Proxy.GetAsync($"api.{ns}.svc", "/healthz")).Code);
        Assert.Equal(3, backends[0].Requests);

        var (missing, body) = await Proxy.GetAsync($"nope.{ns}.svc");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Contains($"no service matches host 'nope.{ns}.svc'", body);
        Assert.Contains($"api.{ns}", body);
    }

    [Fact]
    public async Task A_node_port_service_answers_on_its_node_port_until_it_is_deleted()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("px");
        var backends = await BackendsAsync(1);
        var nodePort = ServiceProxyFixture.FreeNodePort();
        await CreateServiceAsync(ns, new Service
        {
            Metadata = new ObjectMeta { Name = "np" },
            Spec = new ServiceSpec { Type = ServiceTypes.NodePort, Ports = [new ServicePort { Port = 80, NodePort = nodePort }] },
        });
        await PutEndpointsAsync(ns, "np", Subset(backends[0]));

        var answer = await Eventually.WaitFor(() => TryGetAsync($"http://127.0.0.1:{nodePort}/"), a => a == "pod-1", $"pod-1 on node port {nodePort}");
        Assert.Equal("pod-1", answer);

        await cluster.Client.DeleteAsync($"/api/v1/namespaces/{ns}/services/np");
        await Eventually.WaitFor(() => TryGetAsync($"http://127.0.0.1:{nodePort}/"), a => a == "refused", $"node port {nodePort} closed");
    }

    private async Task<string> TryGetAsync(string url)
    {
        try
        {
            return await Proxy.Client.GetStringAsync(url);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return "refused";
        }
        catch (HttpRequestException e)
        {
            return $"{e.StatusCode}";
        }
    }

    [Fact]
    public async Task A_service_without_ready_endpoints_answers_503_saying_so()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("px");
        var backends = await BackendsAsync(1);
        await CreateServiceAsync(ns, NewService("down", new ServicePort { Port = 80 }));
        await PutEndpointsAsync(ns, "down", Subset(backends[0], ready: false));
        await DestinationsAsync($"{ns}/down/80");

        var (code, body) = await Proxy.GetAsync($"down.{ns}.svc");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, code);
        Assert.Equal($"no ready endpoints for service {ns}/down\n", body);
        Assert.Equal(0, backends[0].Requests);
    }

    [Fact]
    public async Task A_stopped_destination_is_ejected_and_gets_keep_succeeding_on_the_others()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("px");
        var backends = await BackendsAsync(3);
        await CreateServiceAsync(ns, NewService("flaky", new ServicePort { Port = 80 }));
        await PutEndpointsAsync(ns, "flaky", backends.Select(b => Subset(b)).ToArray());
        var state = await DestinationsAsync($"{ns}/flaky/80", backends);
        for (var i = 0; i < 6; i++) Assert.Equal(HttpStatusCode.OK, (await Proxy.GetAsync($"flaky.{ns}.svc")).Code);

        await backends[1].StopAsync();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++) codes.Add((await Proxy.GetAsync($"flaky.{ns}.svc")).Code);

        Assert.All(codes, c => Assert.Equal(HttpStatusCode.OK, c));
        var stopped = state.Destinations[$"127.0.0.1:{backends[1].Port}"];
        Assert.Equal(DestinationHealth.Unhealthy, stopped.Health.Passive);
        Assert.All(state.Destinations.Values.Where(d => d != stopped), d => Assert.NotEqual(DestinationHealth.Unhealthy, d.Health.Passive));
    }

    [Fact]
    public async Task A_destination_that_resets_connections_as_a_stopping_pod_does_costs_no_get()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("px");
        var backends = await BackendsAsync(2);
        // Accepts, reads the request and resets the connection, as Docker's port proxy does for a container that stopped.
        using var resetting = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        resetting.Start();
        using var stop = new CancellationTokenSource();
        var resets = 0;
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var socket = await resetting.AcceptSocketAsync(stop.Token);
                await socket.ReceiveAsync(new byte[4096], stop.Token);
                socket.LingerState = new System.Net.Sockets.LingerOption(true, 0);
                socket.Close();
                Interlocked.Increment(ref resets);
            }
        });
        var resettingPort = ((IPEndPoint)resetting.LocalEndpoint).Port;
        await CreateServiceAsync(ns, NewService("stopping", new ServicePort { Port = 80 }));
        await PutEndpointsAsync(ns, "stopping", [.. backends.Select(b => Subset(b)),
            new EndpointSubset { Addresses = [new EndpointAddress { Ip = "127.0.0.1" }], Ports = [new EndpointPort { Port = resettingPort }] }]);
        await Eventually.WaitFor(() => Task.FromResult(Proxy.Services.GetRequiredService<IProxyStateLookup>()
            .TryGetCluster($"{ns}/stopping/80", out var c) ? c.Destinations.Count : 0), n => n == 3, "three destinations");

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) codes.Add((await Proxy.GetAsync($"stopping.{ns}.svc")).Code);
        await stop.CancelAsync();
        await accepting.ContinueWith(_ => { }, TaskScheduler.Default);

        Assert.True(resets > 0, "no request reached the resetting destination");
        Assert.All(codes, c => Assert.Equal(HttpStatusCode.OK, c));
    }

    [Fact]
    public async Task A_websocket_passes_through_the_entry_point()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("px");
        var backends = await BackendsAsync(1);
        await CreateServiceAsync(ns, NewService("ws", new ServicePort { Port = 80 }));
        await PutEndpointsAsync(ns, "ws", Subset(backends[0]));
        await DestinationsAsync($"{ns}/ws/80", backends);

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Host", $"ws.{ns}.svc");
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{Proxy.EntryPort}/ws"), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("hello through the proxy"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        Assert.Equal("hello through the proxy", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    [Fact]
    public async Task A_cleartext_http2_request_reaches_the_destination_over_http2()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("px");
        var backends = await BackendsAsync(1, http2: true);
        await CreateServiceAsync(ns, NewService("rpc", new ServicePort { Name = "grpc", Port = 50051 }));
        await PutEndpointsAsync(ns, "rpc", Subset(backends[0], "grpc"));
        await DestinationsAsync($"{ns}/rpc/grpc", backends);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{Proxy.Http2EntryPort}/protocol")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Host = $"rpc.{ns}.svc";
        using var response = await Proxy.Client.SendAsync(request);

        Assert.Equal((HttpStatusCode.OK, "HTTP/2"), (response.StatusCode, await response.Content.ReadAsStringAsync()));
        Assert.Equal(HttpVersion.Version20, response.Version);
    }

    [Fact]
    public async Task Client_ip_affinity_keeps_a_client_on_one_destination()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("px");
        var backends = await BackendsAsync(3);
        var service = NewService("sticky", new ServicePort { Port = 80 });
        await CreateServiceAsync(ns, service with { Spec = service.Spec with { SessionAffinity = "ClientIP" } });
        await PutEndpointsAsync(ns, "sticky", backends.Select(b => Subset(b)).ToArray());
        await DestinationsAsync($"{ns}/sticky/80", backends);

        var answers = new HashSet<string>();
        for (var i = 0; i < 9; i++) answers.Add((await Proxy.GetAsync($"sticky.{ns}.svc")).Body);

        Assert.Single(answers);
    }

    [Fact]
    public async Task A_request_in_flight_to_a_removed_destination_finishes()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("px");
        var backends = await BackendsAsync(2);
        await CreateServiceAsync(ns, NewService("slow", new ServicePort { Port = 80 }));
        await PutEndpointsAsync(ns, "slow", Subset(backends[0]));
        await DestinationsAsync($"{ns}/slow/80", backends[0]);

        var inFlight = Proxy.GetAsync($"slow.{ns}.svc", "/slow");
        await backends[0].SlowStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await PutEndpointsAsync(ns, "slow", Subset(backends[1]));
        await DestinationsAsync($"{ns}/slow/80", backends[1]);
        Assert.Equal((HttpStatusCode.OK, "pod-2"), await Proxy.GetAsync($"slow.{ns}.svc"));
        backends[0].Release();

        Assert.Equal((HttpStatusCode.OK, "pod-1 slow"), await inFlight);
    }

    [Fact]
    public async Task Metrics_count_requests_per_service_and_per_destination()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("px");
        var backends = await BackendsAsync(2);
        await CreateServiceAsync(ns, NewService("counted", new ServicePort { Port = 80 }));
        await PutEndpointsAsync(ns, "counted", backends.Select(b => Subset(b)).ToArray());
        await DestinationsAsync($"{ns}/counted/80", backends);
        for (var i = 0; i < 4; i++) await Proxy.GetAsync($"counted.{ns}.svc");

        var metrics = await Proxy.Admin.GetStringAsync("/metrics");

        var service = $"namespace=\"{ns}\",service=\"counted\"";
        Assert.Contains($"eventorch_proxy_requests_total{{{service}}} 4\n", metrics);
        Assert.Contains($"eventorch_proxy_request_errors_total{{{service}}} 0\n", metrics);
        Assert.Contains($"eventorch_proxy_request_duration_seconds_count{{{service}}} 4\n", metrics);
        Assert.Contains($"eventorch_proxy_request_duration_seconds_bucket{{{service},le=\"+Inf\"}} 4\n", metrics);
        foreach (var backend in backends)
            Assert.Contains($"eventorch_proxy_destination_requests_total{{{service},destination=\"127.0.0.1:{backend.Port}\"}} 2\n", metrics);
        // The admin port serves no proxying, and the entry point no /metrics.
        Assert.Equal(HttpStatusCode.NotFound, (await Proxy.GetAsync("metrics.anything", "/metrics")).Code);
    }

    [Fact]
    public async Task A_second_proxy_instance_serves_the_same_routes_on_its_own_listeners()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("px");
        var backends = await BackendsAsync(1);
        await CreateServiceAsync(ns, NewService("shared", new ServicePort { Port = 80 }));
        await PutEndpointsAsync(ns, "shared", Subset(backends[0]));
        await DestinationsAsync($"{ns}/shared/80", backends);

        await using var second = await ProxyHost.StartAsync(cluster);
        var answer = await Eventually.WaitFor(() => second.GetAsync($"shared.{ns}.svc"), a => a.Code == HttpStatusCode.OK, "the second proxy routing");

        Assert.Equal("pod-1", answer.Body);
        Assert.Equal((HttpStatusCode.OK, "pod-1"), await Proxy.GetAsync($"shared.{ns}.svc"));
    }
}
