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
    private static readonly string[] ComponentPorts = ["8081", "8082", "8083", "8091"];
    private readonly HttpClient _client;
    private readonly string _namespace = $"e2e-{Guid.NewGuid():N}"[..12];

    public ControlPlaneTests()
    {
        var token = File.ReadAllText(Path.Combine(Services.RepositoryRoot, ".eo", "tokens", "admin.token")).Trim();
        _client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:8080") };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    [Fact]
    public async Task A_pod_created_through_the_api_is_stored_and_reaches_every_component()
    {
        var (nsCode, _, _) = await _client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces",
            new Namespace { Metadata = new ObjectMeta { Name = _namespace } });
        Assert.Equal(HttpStatusCode.Created, nsCode);

        var created = await _client.CreatePodAsync(ObjectClient.NewPod("hello", new() { ["app"] = "hello" }), _namespace);
        var (code, fetched, _) = await _client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath(_namespace)}/hello");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(created.Metadata.Uid, fetched!.Metadata.Uid);

        // Every component's informer must come to hold exactly the pods the Api lists.
        foreach (var port in ComponentPorts)
        {
            using var component = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.WaitFor(async () =>
            {
                var total = (await _client.ListPodsAsync(null)).Items.Count;
                var cache = await component.GetFromJsonAsync<JsonObject>("/debug/cache");
                return (total, cached: cache!["informers"]![0]!["count"]!.GetValue<int>());
            }, counts => counts.total == counts.cached, $"the component on port {port} to cache every pod");
        }
    }

    public void Dispose()
    {
        _client.DeleteAsync($"/api/v1/namespaces/{_namespace}").GetAwaiter().GetResult();
        _client.Dispose();
    }
}
