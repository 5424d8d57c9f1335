using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.EndToEnd;

/// <summary>Drives the processes that ./eo up started, through the REST API at 127.0.0.1:8080.</summary>
public sealed class ControlPlaneTests : IDisposable
{
    // Each component and a kind its informers keep: the scheduler, the controllers and the node agent keep pods; the
    // ServiceProxy keeps Services.
    private static readonly (string Port, string Resource)[] Caches = [("8081", "pods"), ("8082", "pods"), ("8091", "pods"), ("8083", "services")];
    private readonly HttpClient _client;
    private readonly string _namespace = $"e2e-{Guid.NewGuid():N}"[..12];

    public ControlPlaneTests()
    {
        var token = File.ReadAllText(Path.Combine(Services.RepositoryRoot, ".eo", "tokens", "admin.token")).Trim();
        _client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:8080") };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    [Fact]
    public async Task A_pod_and_a_service_created_through_the_api_are_stored_and_reach_every_component_that_keeps_them()
    {
        var (nsCode, _, _) = await _client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces",
            new Namespace { Metadata = new ObjectMeta { Name = _namespace } });
        Assert.Equal(HttpStatusCode.Created, nsCode);

        var created = await _client.CreatePodAsync(ObjectClient.NewPod("hello", new() { ["app"] = "hello" }), _namespace);
        var (code, fetched, _) = await _client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath(_namespace)}/hello");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(created.Metadata.Uid, fetched!.Metadata.Uid);

        await _client.SendAsync<Service>(HttpMethod.Post, $"/api/v1/namespaces/{_namespace}/services", new Service
        {
            Metadata = new ObjectMeta { Name = "hello" },
            Spec = new ServiceSpec { Selector = new() { ["app"] = "hello" }, Ports = [new ServicePort { Port = 80 }] },
        });

        // Every component's informer must come to hold exactly what the Api lists.
        foreach (var (port, resource) in Caches)
        {
            using var component = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.WaitFor(async () =>
            {
                var total = (await _client.SendAsync<JsonObject>(HttpMethod.Get, $"/api/v1/{resource}")).Body!["items"]!.AsArray().Count;
                var cache = await component.GetFromJsonAsync<JsonObject>("/debug/cache");
                var informer = cache!["informers"]!.AsArray().Single(i => i!["resource"]!.GetValue<string>() == resource)!;
                return (total, cached: informer["count"]!.GetValue<int>());
            }, counts => counts.total == counts.cached, $"the component on port {port} to cache every one of the {resource}");
        }
    }

    public void Dispose()
    {
        _client.DeleteAsync($"/api/v1/namespaces/{_namespace}").GetAwaiter().GetResult();
        _client.Dispose();
    }
}
