using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>dryRun=All, as kubectl diff and --dry-run=server send it: the write is validated and decided, the answer is
/// what would be stored, and nothing is.</summary>
public sealed class DryRunTests(ApiServer api) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task A_dry_run_create_answers_the_object_and_stores_nothing()
    {
        var before = await api.EventCountAsync();

        var (code, pod, _) = await api.Client.SendAsync<Pod>(HttpMethod.Post, "/api/v1/namespaces/default/pods?dryRun=All", ObjectClient.NewPod("dry"));

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("dry", pod!.Metadata.Name);
        Assert.Equal("Always", pod.Spec.RestartPolicy);
        Assert.Null(pod.Metadata.ResourceVersion);
        Assert.Equal(before, await api.EventCountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.SendAsync<Status>(HttpMethod.Get, "/api/v1/namespaces/default/pods/dry")).Code);
    }

    [Fact]
    public async Task Dry_run_patches_and_deletes_change_nothing_and_invalid_ones_are_still_refused()
    {
        var created = await api.Client.CreatePodAsync(ObjectClient.NewPod("kept"));
        var before = await api.EventCountAsync();

        var (patched, pod, _) = await api.Client.SendAsync<Pod>(HttpMethod.Patch, "/api/v1/namespaces/default/pods/kept?dryRun=All",
            """{"metadata":{"labels":{"tier":"front"}}}""", "application/merge-patch+json");
        var (invalid, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, "/api/v1/namespaces/default/pods/kept?dryRun=All",
            """{"metadata":{"labels":{"bad key!":"x"}}}""", "application/merge-patch+json");
        var (deleted, _, _) = await api.Client.SendAsync<Pod>(HttpMethod.Delete, "/api/v1/namespaces/default/pods/kept?dryRun=All");

        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal("front", pod!.Metadata.Labels!["tier"]);
        Assert.Equal(created.Metadata.ResourceVersion, pod.Metadata.ResourceVersion);
        Assert.Equal((HttpStatusCode)422, invalid);
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal(before, await api.EventCountAsync());
        var (_, stored, _) = await api.Client.SendAsync<Pod>(HttpMethod.Get, "/api/v1/namespaces/default/pods/kept");
        Assert.Null(stored!.Metadata.Labels?.GetValueOrDefault("tier"));
    }

    [Fact]
    public async Task A_dry_run_value_other_than_all_is_refused()
    {
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, "/api/v1/namespaces/default/pods?dryRun=Yes", ObjectClient.NewPod("maybe"));

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("dryRun", Assert.Single(status!.Details!.Causes!).Field);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.SendAsync<Status>(HttpMethod.Get, "/api/v1/namespaces/default/pods/maybe")).Code);
    }
}
