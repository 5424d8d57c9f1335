using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;
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

    /// <summary>Waits until the proxy's cluster for a service port holds exactly these destinations.</summary>
    private Task<ClusterState> DestinationsAsync(string clusterId, params TestBackend[] backends)
    {
        var expected = backends.Select(b => $"127.0.0.1:{b.Port}").Order(StringComparer.Ordinal).ToArray();
        var state = Proxy.Services.GetRequiredService<IProxyStateLookup>();
        return Eventually.WaitFor(() => Task.FromResult(state.TryGetCluster(clusterId, out var c) ? c : null),
            c => c is not null && c.Destinations.Keys.Order(StringComparer.Ordinal).SequenceEqual(expected),
            $"cluster {clusterId} with destinations {string.Join(", ", expected)}")!;
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
}
