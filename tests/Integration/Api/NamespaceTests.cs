using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

public sealed class NamespaceTests(ApiServer api) : IClassFixture<ApiServer>
{
    private static Namespace New(string name) => new() { Metadata = new ObjectMeta { Name = name } };

    [Fact]
    public async Task The_default_namespace_exists_and_is_active()
    {
        var (code, ns, _) = await api.Client.SendAsync<Namespace>(HttpMethod.Get, "/api/v1/namespaces/default");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(NamespacePhases.Active, ns!.Status!.Phase);
        Assert.Null(ns.Metadata.Namespace);
    }

    [Fact]
    public async Task A_created_namespace_is_listed_with_its_name_label()
    {
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", New("team-a"));

        var (_, list, _) = await api.Client.SendAsync<ObjectList<Namespace>>(HttpMethod.Get, "/api/v1/namespaces?labelSelector=kubernetes.io%2Fmetadata.name%3Dteam-a");

        Assert.Equal("NamespaceList", list!.Kind);
        Assert.Equal("team-a", Assert.Single(list.Items).Metadata.Name);
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_its_pods_and_frees_the_name()
    {
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", New("doomed"));
        await api.Client.CreatePodAsync(ObjectClient.NewPod("p1"), "doomed");
        await api.Client.CreatePodAsync(ObjectClient.NewPod("p2"), "doomed");

        var (code, _, _) = await api.Client.SendAsync<Namespace>(HttpMethod.Delete, "/api/v1/namespaces/doomed");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Empty((await api.Client.ListPodsAsync("doomed")).Items);
        var (recreated, _, _) = await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", New("doomed"));
        Assert.Equal(HttpStatusCode.Created, recreated);
    }

    [Fact]
    public async Task The_default_namespace_may_not_be_deleted()
    {
        var before = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Delete, "/api/v1/namespaces/default");

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Contains("this namespace may not be deleted", status!.Message);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_namespace_name_must_be_a_dns_label()
    {
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, "/api/v1/namespaces", New("has.dots"));

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Contains(status!.Details!.Causes!, c => c.Field == "metadata.name");
    }
}
