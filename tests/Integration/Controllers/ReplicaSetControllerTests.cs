using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Controllers;

/// <summary>The replica set controller in its real host, against a real Api (no scheduler: the pods stay
/// unbound, so a delete removes them at once and the counts are the controller's alone).</summary>
public sealed class ReplicaSetControllerTests(ControllersFixture cluster) : IClassFixture<ControllersFixture>
{
    private static string Path(string ns) => TestReplicaSets.Path(ns);

    private Task<string> NamespaceAsync() => cluster.Client.CreateNamespaceAsync("rs");

    private Task<ReplicaSet> CreateAsync(string ns, string name, int replicas) =>
        cluster.Client.CreateReplicaSetAsync(TestReplicaSets.New(name, replicas), ns);

    private Task ScaleAsync(string ns, string name, int replicas) =>
        cluster.Client.SendAsync<ReplicaSet>(HttpMethod.Patch, $"{Path(ns)}/{name}", new { spec = new { replicas } }, "application/merge-patch+json");

    private async Task<List<Pod>> OwnedPodsAsync(string ns, ReplicaSet rs, int expected) =>
        (await Eventually.WaitFor(async () => (await cluster.Client.ListPodsAsync(ns)).Items
                .Where(p => p.Metadata.OwnerReferences?.Any(r => r.Uid == rs.Metadata.Uid && r.Controller == true) == true).ToList(),
            pods => pods.Count == expected, $"{expected} pods owned by {rs.Metadata.Name}", TimeSpan.FromSeconds(30)));

    private Task<ReplicaSet> StatusAsync(string ns, string name, Func<ReplicaSetStatus, bool> done, string what) =>
        Eventually.WaitFor(async () => (await cluster.Client.SendAsync<ReplicaSet>(HttpMethod.Get, $"{Path(ns)}/{name}")).Body!,
            rs => rs.Status is { } s && done(s), what, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_replica_set_creates_its_replicas_owned_by_it_and_reports_them()
    {
        var ns = await NamespaceAsync();
        var rs = await CreateAsync(ns, "web", 3);

        var pods = await OwnedPodsAsync(ns, rs, 3);

        Assert.All(pods, p =>
        {
            Assert.StartsWith("web-", p.Metadata.Name);
            Assert.Equal("web", p.Metadata.Labels!["app"]);
            var owner = Assert.Single(p.Metadata.OwnerReferences!);
            Assert.Equal(("apps/v1", "ReplicaSet", "web", true), (owner.ApiVersion, owner.Kind, owner.Name, owner.BlockOwnerDeletion == true));
        });
        await StatusAsync(ns, "web", s => s.Replicas == 3 && s.ObservedGeneration == 1 && s.FullyLabeledReplicas == 3, "status.replicas 3");
    }

    [Fact]
    public async Task Scaling_up_and_down_converges_and_a_deleted_pod_is_replaced()
    {
        var ns = await NamespaceAsync();
        var rs = await CreateAsync(ns, "scaled", 2);
        await OwnedPodsAsync(ns, rs, 2);

        await ScaleAsync(ns, "scaled", 5);
        var five = await OwnedPodsAsync(ns, rs, 5);
        await ScaleAsync(ns, "scaled", 1);
        var one = Assert.Single(await OwnedPodsAsync(ns, rs, 1));
        await StatusAsync(ns, "scaled", s => s.Replicas == 1 && s.ObservedGeneration == 3, "status after scaling to 1");

        await cluster.Client.DeletePodAsync(one.Metadata.Name!, ns);
        var replacement = Assert.Single(await Eventually.WaitFor(() => OwnedPodsAsync(ns, rs, 1),
            pods => pods.Single().Metadata.Uid != one.Metadata.Uid, "a replacement pod"));
        Assert.Contains(five, p => p.Metadata.Uid == one.Metadata.Uid);
        Assert.NotEqual(one.Metadata.Name, replacement.Metadata.Name);
    }

    [Fact]
    public async Task A_matching_orphan_is_adopted_and_a_pod_whose_labels_stop_matching_is_released_and_replaced()
    {
        var ns = await NamespaceAsync();
        await cluster.Client.CreatePodAsync(ObjectClient.NewPod("orphan", new() { ["app"] = "adopter" }), ns);
        var rs = await CreateAsync(ns, "adopter", 2);

        var pods = await OwnedPodsAsync(ns, rs, 2);
        Assert.Contains(pods, p => p.Metadata.Name == "orphan");

        await cluster.Client.PatchPodAsync("orphan", new { metadata = new { labels = new { app = "elsewhere" } } }, ns);

        var after = await Eventually.WaitFor(() => OwnedPodsAsync(ns, rs, 2), p => p.All(x => x.Metadata.Name != "orphan"), "the released pod replaced");
        Assert.Equal(2, after.Count);
        var released = (await cluster.Client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath(ns)}/orphan")).Body!;
        Assert.Null(released.Metadata.OwnerReferences);
    }

    [Fact]
    public async Task Deleting_a_replica_set_deletes_its_pods_in_the_background_naming_the_deletion_as_the_cause()
    {
        var ns = await NamespaceAsync();
        var rs = await CreateAsync(ns, "owner", 3);
        var pods = await OwnedPodsAsync(ns, rs, 3);

        var (deleted, _, _) = await cluster.Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Delete, $"{Path(ns)}/owner?propagationPolicy=Background");
        Assert.Equal(HttpStatusCode.OK, deleted);
        await Eventually.WaitFor(async () => (await cluster.Client.ListPodsAsync(ns)).Items.Count, n => n == 0, "the garbage collector to delete the pods",
            TimeSpan.FromSeconds(30));

        await using var session = cluster.Store.QuerySession();
        var rsDeleted = (await session.Events.FetchStreamAsync(Guid.Parse(rs.Metadata.Uid!)))[^1];
        Assert.IsType<EventOrch.Contracts.Events.ReplicaSetDeleted>(rsDeleted.Data);
        foreach (var pod in pods)
            Assert.Equal(rsDeleted.Id.ToString(), (await session.Events.FetchStreamAsync(Guid.Parse(pod.Metadata.Uid!)))[^1].CausationId);
    }

    [Fact]
    public async Task Pods_made_by_a_scale_name_the_scale_as_their_cause()
    {
        var ns = await NamespaceAsync();
        var rs = await CreateAsync(ns, "caused", 1);
        var first = Assert.Single(await OwnedPodsAsync(ns, rs, 1));
        // The status write for the first pod must land before the scale, or it may be the ReplicaSet's latest event
        // (and so the cause) when the controller acts on the scale.
        await StatusAsync(ns, "caused", s => s.Replicas == 1 && s.ObservedGeneration == 1, "status.replicas 1");

        await ScaleAsync(ns, "caused", 3);
        var added = (await OwnedPodsAsync(ns, rs, 3)).Where(p => p.Metadata.Uid != first.Metadata.Uid).ToList();

        await using var session = cluster.Store.QuerySession();
        var rsEvents = await session.Events.FetchStreamAsync(Guid.Parse(rs.Metadata.Uid!));
        var scaled = rsEvents.Single(e => e.Data is EventOrch.Contracts.Events.ReplicaSetSpecChanged);
        Assert.Equal(rsEvents[0].Id.ToString(), (await session.Events.FetchStreamAsync(Guid.Parse(first.Metadata.Uid!)))[0].CausationId);
        foreach (var pod in added)
        {
            var created = (await session.Events.FetchStreamAsync(Guid.Parse(pod.Metadata.Uid!)))[0];
            Assert.Equal(scaled.Id.ToString(), created.CausationId);
            Assert.Equal(ApiServer.ComponentUser, created.UserName);
        }
    }

    [Fact]
    public async Task A_replication_controller_defaults_its_selector_keeps_its_replicas_and_scales_through_its_scale_subresource()
    {
        var ns = await NamespaceAsync();
        var path = $"/api/v1/namespaces/{ns}/replicationcontrollers";
        var (code, rc, response) = await cluster.Client.SendAsync<ReplicationController>(HttpMethod.Post, path, new ReplicationController
        {
            Metadata = new ObjectMeta { Name = "legacy" },
            Spec = new ReplicationControllerSpec
            {
                Replicas = 3,
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = "legacy" } },
                    Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest" }] },
                },
            },
        });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal("legacy", rc!.Spec.Selector!["app"]);
        Assert.Equal("legacy", rc.Metadata.Labels!["app"]);

        var owned = await Eventually.WaitFor(async () => (await cluster.Client.ListPodsAsync(ns)).Items
                .Where(p => p.Metadata.OwnerReferences?.SingleOrDefault() is { Kind: "ReplicationController", ApiVersion: "v1", Controller: true } r
                    && r.Uid == rc.Metadata.Uid).ToList(),
            pods => pods.Count == 3, "3 pods owned by the replication controller", TimeSpan.FromSeconds(30));
        Assert.All(owned, p => Assert.StartsWith("legacy-", p.Metadata.Name));

        var (scaled, scale, _) = await cluster.Client.SendAsync<Scale>(HttpMethod.Patch, $"{path}/legacy/scale",
            new { spec = new { replicas = 1 } }, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, scaled);
        Assert.Equal("app=legacy", scale!.Status!.Selector);
        await Eventually.WaitFor(async () => (await cluster.Client.SendAsync<ReplicationController>(HttpMethod.Get, $"{path}/legacy")).Body!,
            r => r.Status is { Replicas: 1, ObservedGeneration: 2 }, "status.replicas 1", TimeSpan.FromSeconds(30));
        Assert.Single((await cluster.Client.ListPodsAsync(ns)).Items);
    }
}
