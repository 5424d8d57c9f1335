using System.Net;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

public sealed class ConcurrencyTests(ApiServer api) : IClassFixture<ApiServer>
{
    private readonly HttpClient _client = api.Client;

    [Fact]
    public async Task An_update_with_a_stale_resource_version_is_a_conflict_and_appends_nothing()
    {
        var created = await _client.CreatePodAsync(ObjectClient.NewPod("stale"));
        await _client.PatchPodAsync("stale", new { metadata = new { labels = new { first = "yes" } } });
        var before = await api.EventCountAsync();

        var stale = created with { Metadata = created.Metadata with { Labels = new() { ["second"] = "yes" } } };
        var (code, status, _) = await _client.SendAsync<Status>(HttpMethod.Put, $"{ObjectClient.PodsPath()}/stale", stale);

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", status!.Reason);
        Assert.Contains("the object has been modified", status.Message);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_patch_naming_a_stale_resource_version_is_a_conflict()
    {
        var created = await _client.CreatePodAsync(ObjectClient.NewPod("stale-patch"));
        await _client.PatchPodAsync("stale-patch", new { metadata = new { labels = new { first = "yes" } } });

        var (code, _, _) = await _client.SendAsync<Status>(HttpMethod.Patch, $"{ObjectClient.PodsPath()}/stale-patch",
            new { metadata = new { resourceVersion = created.Metadata.ResourceVersion, labels = new { second = "yes" } } }, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.Conflict, code);
    }

    [Fact]
    public async Task Of_concurrent_updates_from_the_same_version_exactly_one_wins()
    {
        var created = await _client.CreatePodAsync(ObjectClient.NewPod("contended"));
        var before = await api.EventCountAsync();

        var attempts = Enumerable.Range(0, 8).Select(i => _client.SendAsync<JsonObject>(HttpMethod.Put, $"{ObjectClient.PodsPath()}/contended",
            created with { Metadata = created.Metadata with { Labels = new() { ["writer"] = i.ToString() } } }));
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Code == HttpStatusCode.OK);
        Assert.Equal(7, results.Count(r => r.Code == HttpStatusCode.Conflict));
        Assert.Equal(before + 1, await api.EventCountAsync());
    }

    [Fact]
    public async Task Concurrent_unconditional_patches_are_all_applied()
    {
        await _client.CreatePodAsync(ObjectClient.NewPod("merged"));

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            _client.PatchPodAsync("merged", new { metadata = new { labels = new Dictionary<string, string> { [$"k{i}"] = "v" } } })));

        var (_, pod, _) = await _client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath()}/merged");
        Assert.Equal(5, pod!.Metadata.Labels!.Count);
    }

    [Fact]
    public async Task Of_concurrent_creates_of_one_name_exactly_one_succeeds()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            _client.SendAsync<JsonObject>(HttpMethod.Post, ObjectClient.PodsPath(), ObjectClient.NewPod("race"))));

        Assert.Single(results, r => r.Code == HttpStatusCode.Created);
        Assert.All(results.Where(r => r.Code != HttpStatusCode.Created), r => Assert.Equal("AlreadyExists", (string?)r.Body!["reason"]));
    }
}
