using System.Net;
using EventOrch.Contracts.Events;
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
    public async Task Deleting_a_namespace_makes_it_terminating_and_refuses_new_content()
    {
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", New("closing"));
        await api.Client.CreatePodAsync(ObjectClient.NewPod("p1"), "closing");

        var (code, ns, _) = await api.Client.SendAsync<Namespace>(HttpMethod.Delete, "/api/v1/namespaces/closing");
        var (again, _, _) = await api.Client.SendAsync<Namespace>(HttpMethod.Delete, "/api/v1/namespaces/closing");
        var (refused, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, "/api/v1/namespaces/closing/pods", ObjectClient.NewPod("p2"));

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(NamespacePhases.Terminating, ns!.Status!.Phase);
        Assert.NotNull(ns.Metadata.DeletionTimestamp);
        Assert.Equal(["kubernetes"], ns.Spec!.Finalizers!);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal("pods \"p2\" is forbidden: unable to create new content in namespace closing because it is being terminated", status!.Message);
        Assert.Single((await api.Client.ListPodsAsync("closing")).Items);
    }

    [Fact]
    public async Task Deleting_a_namespace_appends_only_its_deletion_mark_and_a_second_delete_appends_nothing()
    {
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", New("marked"));

        var (_, ns, _) = await api.Client.SendAsync<Namespace>(HttpMethod.Delete, "/api/v1/namespaces/marked");
        await api.Client.SendAsync<Namespace>(HttpMethod.Delete, "/api/v1/namespaces/marked");

        await using var session = api.Store.QuerySession();
        var stream = await session.Events.FetchStreamAsync(Guid.Parse(ns!.Metadata.Uid!));
        Assert.Equal(2, stream.Count);
        var changed = Assert.IsType<NamespaceMetadataChanged>(stream[1].Data);
        Assert.Equal(new MetadataChanges { DeletionTimestamp = ns.Metadata.DeletionTimestamp, DeletionGracePeriodSeconds = 0 }, changed.Changes);
    }

    [Fact]
    public async Task Finalizing_a_terminating_namespace_removes_it_with_what_is_left_and_frees_the_name()
    {
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", New("doomed"));
        await api.Client.CreatePodAsync(ObjectClient.NewPod("p1"), "doomed");
        var (_, terminating, _) = await api.Client.SendAsync<Namespace>(HttpMethod.Delete, "/api/v1/namespaces/doomed");

        var (code, _, _) = await api.Client.SendAsync<Namespace>(HttpMethod.Put, "/api/v1/namespaces/doomed/finalize",
            terminating! with { Spec = new NamespaceSpec { Finalizers = [] } });

        Assert.Equal(HttpStatusCode.OK, code);
        var (gone, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, "/api/v1/namespaces/doomed");
        Assert.Equal(HttpStatusCode.NotFound, gone);
        Assert.Empty((await api.Client.ListPodsAsync("doomed")).Items);
        var (recreated, _, _) = await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", New("doomed"));
        Assert.Equal(HttpStatusCode.Created, recreated);
    }

    [Fact]
    public async Task A_terminating_namespace_with_a_finalizer_of_its_own_waits_for_it_after_finalize()
    {
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces",
            New("held") with { Metadata = new ObjectMeta { Name = "held", Finalizers = ["example.com/hold"] } });
        var (_, terminating, _) = await api.Client.SendAsync<Namespace>(HttpMethod.Delete, "/api/v1/namespaces/held");
        var (_, finalized, _) = await api.Client.SendAsync<Namespace>(HttpMethod.Put, "/api/v1/namespaces/held/finalize",
            terminating! with { Spec = new NamespaceSpec { Finalizers = [] } });

        Assert.Null(finalized!.Spec!.Finalizers);
        Assert.Equal(NamespacePhases.Terminating, finalized.Status!.Phase);

        var (code, _, _) = await api.Client.SendAsync<Namespace>(HttpMethod.Patch, "/api/v1/namespaces/held",
            """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, code);
        var (gone, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, "/api/v1/namespaces/held");
        Assert.Equal(HttpStatusCode.NotFound, gone);
    }

    [Fact]
    public async Task Finalize_refuses_a_finalizer_that_is_not_a_qualified_name()
    {
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", New("strict"));
        var before = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Put, "/api/v1/namespaces/strict/finalize",
            New("strict") with { Spec = new NamespaceSpec { Finalizers = ["not a name"] } });

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Contains(status!.Details!.Causes!, c => c.Field == "spec.finalizers");
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_collection_delete_removes_the_pods_its_selector_matches()
    {
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", New("sweep"));
        await api.Client.CreatePodAsync(ObjectClient.NewPod("web-1") with { Metadata = new ObjectMeta { Name = "web-1", Labels = new() { ["app"] = "web" } } }, "sweep");
        await api.Client.CreatePodAsync(ObjectClient.NewPod("web-2") with { Metadata = new ObjectMeta { Name = "web-2", Labels = new() { ["app"] = "web" } } }, "sweep");
        await api.Client.CreatePodAsync(ObjectClient.NewPod("db-1") with { Metadata = new ObjectMeta { Name = "db-1", Labels = new() { ["app"] = "db" } } }, "sweep");

        var (code, deleted, _) = await api.Client.SendAsync<ObjectList<Pod>>(HttpMethod.Delete, "/api/v1/namespaces/sweep/pods?labelSelector=app%3Dweb");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(["web-1", "web-2"], deleted!.Items.Select(p => p.Metadata.Name!).Order());
        Assert.Equal("db-1", Assert.Single((await api.Client.ListPodsAsync("sweep")).Items).Metadata.Name);
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

    [Fact]
    public async Task Deleting_the_namespace_collection_is_not_served_and_deletes_nothing()
    {
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", New("kept"));

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Delete, "/api/v1/namespaces");
        var (_, kept, _) = await api.Client.SendAsync<Namespace>(HttpMethod.Get, "/api/v1/namespaces/kept");
        var (_, discovery, _) = await api.Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Get, "/api/v1");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, code);
        Assert.Equal(StatusReasons.MethodNotAllowed, status!.Reason);
        Assert.Equal(NamespacePhases.Active, kept!.Status!.Phase);
        Assert.Null(kept.Metadata.DeletionTimestamp);
        var verbs = discovery!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "namespaces")!["verbs"]!.AsArray();
        Assert.Equal(["create", "delete", "get", "list", "patch", "update", "watch"], verbs.Select(v => v!.GetValue<string>()));
    }
}
