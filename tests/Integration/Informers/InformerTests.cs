using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Informers;

public sealed class InformerTests(ApiServer api) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task After_a_burst_of_writes_the_informer_cache_equals_the_api_list()
    {
        for (var i = 0; i < 10; i++) await api.Client.CreatePodAsync(ObjectClient.NewPod($"early-{i}"));
        await using var component = await ComponentHarness.StartAsync(api, "informer-test", c => c.AddInformer(PodEvolver.Instance));
        var informer = component.Get<Informer<Pod>>();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => api.Client.CreatePodAsync(ObjectClient.NewPod($"burst-{i}"))));
        await Task.WhenAll(Enumerable.Range(0, 40).Where(i => i % 2 == 0).Select(i =>
            api.Client.PatchPodAsync($"burst-{i}", new { metadata = new { labels = new { round = "2" } } })));
        await Task.WhenAll(Enumerable.Range(0, 40).Where(i => i % 3 == 0).Select(i => api.Client.DeletePodAsync($"burst-{i}")));
        await Task.WhenAll(Enumerable.Range(0, 10).Where(i => i % 2 == 1).Select(i => api.Client.DeletePodAsync($"early-{i}")));

        var expected = Snapshot((await api.Client.ListPodsAsync(null)).Items);
        await Eventually.WaitFor(() => Snapshot(informer.Cache.List()) == expected, "the informer to match the Api's list");
        Assert.True(informer.HasSynced);
    }

    [Fact]
    public async Task An_informer_started_after_the_writes_lists_them()
    {
        await api.Client.CreatePodAsync(ObjectClient.NewPod("listed-late"));

        await using var component = await ComponentHarness.StartAsync(api, "late-informer", c => c.AddInformer(PodEvolver.Instance));
        var informer = component.Get<Informer<Pod>>();

        await Eventually.WaitFor(() => informer.Cache.Get("default", "listed-late") is not null, "the pod in the late informer");
    }

    // uid and resourceVersion of every pod, in a stable order.
    private static string Snapshot(IEnumerable<Pod> pods) =>
        string.Join(";", pods.Select(p => $"{p.Metadata.Uid}@{p.Metadata.ResourceVersion}").Order());
}
