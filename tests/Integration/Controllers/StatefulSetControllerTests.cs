using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Controllers;

/// <summary>The StatefulSet controller in the real Controllers host against a real Api, with no scheduler and no node:
/// the test plays the node, marking members Running and Ready through the pods' status, so each ordering step is seen
/// waiting for it. The pods stay unbound, so a delete removes one at once.</summary>
public sealed class StatefulSetControllerTests(ControllersFixture cluster) : IClassFixture<ControllersFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static string Path(string ns) => $"/apis/apps/v1/namespaces/{ns}/statefulsets";

    private static StatefulSet NewSet(string name, int replicas, string policy = StatefulSetConventions.OrderedReady, int? partition = null) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new StatefulSetSpec
        {
            Replicas = replicas,
            ServiceName = name,
            PodManagementPolicy = policy,
            UpdateStrategy = partition is null ? null : new StatefulSetUpdateStrategy
            {
                Type = StatefulSetConventions.RollingUpdate,
                RollingUpdate = new RollingUpdateStatefulSetStrategy { Partition = partition },
            },
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = name } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = name }, Annotations = new() { ["version"] = "v1" } },
                Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest", VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }] }] },
            },
            VolumeClaimTemplates =
            [
                new PersistentVolumeClaim
                {
                    Metadata = new ObjectMeta { Name = "data" },
                    Spec = new PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"], Resources = new ResourceRequirements { Requests = new() { ["storage"] = "1Gi" } } },
                },
            ],
        },
    };

    private async Task<string> CreateAsync(StatefulSet set)
    {
        var ns = await cluster.Client.CreateNamespaceAsync("sts");
        var (code, _, response) = await cluster.Client.SendAsync<StatefulSet>(HttpMethod.Post, Path(ns), set);
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ns;
    }

    private async Task PatchAsync(string ns, string name, object patch)
    {
        var (code, _, response) = await cluster.Client.SendAsync<StatefulSet>(HttpMethod.Patch, $"{Path(ns)}/{name}", patch, "application/merge-patch+json");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<Pod?> PodAsync(string ns, string name) =>
        (await cluster.Client.ListPodsAsync(ns)).Items.FirstOrDefault(p => p.Metadata.Name == name);

    private async Task<Pod> WaitPodAsync(string ns, string name, Func<Pod, bool>? done = null, string? what = null) =>
        (await Eventually.WaitFor(() => PodAsync(ns, name), p => p is not null && (done?.Invoke(p) ?? true), what ?? $"pod {name}", Deadline))!;

    private async Task<List<string>> PodNamesAsync(string ns) =>
        [.. (await cluster.Client.ListPodsAsync(ns)).Items.Select(p => p.Metadata.Name!).Order(StringComparer.Ordinal)];

    private async Task<List<PersistentVolumeClaim>> ClaimsAsync(string ns) =>
        (await cluster.Client.SendAsync<ObjectList<PersistentVolumeClaim>>(HttpMethod.Get, $"/api/v1/namespaces/{ns}/persistentvolumeclaims")).Body!.Items;

    private Task<StatefulSet> SetAsync(string ns, string name, Func<StatefulSetStatus, bool> done, string what) =>
        Eventually.WaitFor(async () => (await cluster.Client.SendAsync<StatefulSet>(HttpMethod.Get, $"{Path(ns)}/{name}")).Body!,
            s => s.Status is { } status && done(status), what, Deadline);

    // What a node would report: the pod runs and is Ready.
    private async Task<Pod> MakeReadyAsync(string ns, string name)
    {
        var pod = await WaitPodAsync(ns, name);
        var (code, updated, response) = await cluster.Client.SendAsync<Pod>(HttpMethod.Put, $"{ObjectClient.PodsPath(ns)}/{name}/status", pod with
        {
            Status = new PodStatus
            {
                Phase = PodPhases.Running,
                Conditions = [new PodCondition { Type = PodConditions.Ready, Status = ConditionStatuses.True, LastTransitionTime = DateTimeOffset.UtcNow }],
            },
        });
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return updated!;
    }

    private async Task MakeAllReadyAsync(string ns, params string[] names)
    {
        foreach (var name in names) await MakeReadyAsync(ns, name);
    }

    [Fact]
    public async Task OrderedReady_creates_members_one_by_one_each_with_its_identity_and_its_own_claim_once_the_one_before_is_ready()
    {
        var ns = await CreateAsync(NewSet("db", 3));

        var first = await WaitPodAsync(ns, "db-0");
        await SetAsync(ns, "db", s => s.Replicas == 1, "status.replicas 1");
        Assert.Equal(["db-0"], await PodNamesAsync(ns));
        Assert.Equal(("db-0", "db"), (first.Spec.Hostname, first.Spec.Subdomain));
        Assert.Equal("db-0", first.Metadata.Labels!["statefulset.kubernetes.io/pod-name"]);
        Assert.Equal("0", first.Metadata.Labels["apps.kubernetes.io/pod-index"]);
        Assert.StartsWith("db-", first.Metadata.Labels["controller-revision-hash"]);
        Assert.Equal(("StatefulSet", "db"), (first.Metadata.OwnerReferences!.Single().Kind, first.Metadata.OwnerReferences!.Single().Name));
        Assert.Equal("data-db-0", first.Spec.Volumes!.Single(v => v.Name == "data").PersistentVolumeClaim!.ClaimName);

        await MakeReadyAsync(ns, "db-0");
        await WaitPodAsync(ns, "db-1");
        await SetAsync(ns, "db", s => s.Replicas == 2 && s.ReadyReplicas == 1, "status.replicas 2, 1 ready");
        Assert.Equal(["db-0", "db-1"], await PodNamesAsync(ns));
        await MakeReadyAsync(ns, "db-1");
        await WaitPodAsync(ns, "db-2");
        await MakeReadyAsync(ns, "db-2");

        var set = await SetAsync(ns, "db", s => s is { Replicas: 3, ReadyReplicas: 3, AvailableReplicas: 3, CurrentReplicas: 3, UpdatedReplicas: 3 },
            "3 members ready");
        Assert.Equal(set.Status!.UpdateRevision, set.Status.CurrentRevision);
        Assert.Equal(set.Metadata.Generation, set.Status.ObservedGeneration);
        var claims = await ClaimsAsync(ns);
        Assert.Equal(["data-db-0", "data-db-1", "data-db-2"], claims.Select(c => c.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.All(claims, c => Assert.Equal("db", c.Metadata.Labels!["app"]));
        Assert.All(claims, c => Assert.Equal("1Gi", c.Spec.Resources!.Requests!["storage"]));
    }

    [Fact]
    public async Task A_deleted_member_comes_back_with_the_same_name_and_the_same_claim()
    {
        var ns = await CreateAsync(NewSet("db", 3, StatefulSetConventions.Parallel));
        await MakeAllReadyAsync(ns, "db-0", "db-1", "db-2");
        var old = await WaitPodAsync(ns, "db-1");
        var claim = (await ClaimsAsync(ns)).Single(c => c.Metadata.Name == "data-db-1");

        await cluster.Client.DeletePodAsync("db-1", ns);

        var back = await WaitPodAsync(ns, "db-1", p => p.Metadata.Uid != old.Metadata.Uid, "db-1 recreated");
        Assert.Equal("data-db-1", back.Spec.Volumes!.Single(v => v.Name == "data").PersistentVolumeClaim!.ClaimName);
        Assert.Equal(claim.Metadata.Uid, (await ClaimsAsync(ns)).Single(c => c.Metadata.Name == "data-db-1").Metadata.Uid);
        Assert.Equal(3, (await ClaimsAsync(ns)).Count);
    }

    [Fact]
    public async Task Scaling_down_deletes_the_highest_member_but_keeps_its_claim_and_scaling_back_up_reuses_it()
    {
        var ns = await CreateAsync(NewSet("db", 3));
        foreach (var name in new[] { "db-0", "db-1", "db-2" }) await MakeReadyAsync(ns, name);
        await SetAsync(ns, "db", s => s.ReadyReplicas == 3, "3 ready");
        var claim = (await ClaimsAsync(ns)).Single(c => c.Metadata.Name == "data-db-2");

        await PatchAsync(ns, "db", new { spec = new { replicas = 2 } });
        await Eventually.WaitFor(() => PodNamesAsync(ns), names => names.SequenceEqual(["db-0", "db-1"]), "db-2 deleted", Deadline);
        await SetAsync(ns, "db", s => s.Replicas == 2, "status.replicas 2");
        Assert.Contains(await ClaimsAsync(ns), c => c.Metadata.Uid == claim.Metadata.Uid && c.Metadata.DeletionTimestamp is null);

        await PatchAsync(ns, "db", new { spec = new { replicas = 3 } });
        var back = await WaitPodAsync(ns, "db-2");
        Assert.Equal("data-db-2", back.Spec.Volumes!.Single(v => v.Name == "data").PersistentVolumeClaim!.ClaimName);
        Assert.Equal(claim.Metadata.Uid, (await ClaimsAsync(ns)).Single(c => c.Metadata.Name == "data-db-2").Metadata.Uid);
    }

    [Fact]
    public async Task OrderedReady_scales_down_one_member_at_a_time_highest_first()
    {
        var ns = await CreateAsync(NewSet("db", 3));
        foreach (var name in new[] { "db-0", "db-1", "db-2" }) await MakeReadyAsync(ns, name);
        await SetAsync(ns, "db", s => s.ReadyReplicas == 3, "3 ready");
        // db-1 stops being ready: the scale-down of db-2 waits for it, as db-1 is not the member being removed.
        var notReady = (await WaitPodAsync(ns, "db-1")) with { Status = new PodStatus { Phase = PodPhases.Running } };
        await cluster.Client.SendAsync<Pod>(HttpMethod.Put, $"{ObjectClient.PodsPath(ns)}/db-1/status", notReady);
        await SetAsync(ns, "db", s => s.ReadyReplicas == 2, "db-1 not ready");

        await PatchAsync(ns, "db", new { spec = new { replicas = 1 } });
        await SetAsync(ns, "db", s => s.ObservedGeneration == 2, "the scale observed");
        Assert.Equal(["db-0", "db-1", "db-2"], await PodNamesAsync(ns));

        await MakeReadyAsync(ns, "db-1");
        await Eventually.WaitFor(() => PodNamesAsync(ns), names => names.SequenceEqual(["db-0"]), "db-2 then db-1 deleted", Deadline);
    }

    [Fact]
    public async Task Parallel_creates_every_member_at_once_without_waiting_for_readiness()
    {
        var ns = await CreateAsync(NewSet("web", 3, StatefulSetConventions.Parallel));

        await Eventually.WaitFor(() => PodNamesAsync(ns), names => names.SequenceEqual(["web-0", "web-1", "web-2"]), "3 members", Deadline);
        Assert.Equal(["data-web-0", "data-web-1", "data-web-2"], (await ClaimsAsync(ns)).Select(c => c.Metadata.Name).Order(StringComparer.Ordinal));
        await SetAsync(ns, "web", s => s is { Replicas: 3, ReadyReplicas: 0 }, "3 members, none ready");
    }

    [Fact]
    public async Task A_rolling_update_replaces_members_at_or_above_the_partition_highest_first_and_leaves_the_others()
    {
        var ns = await CreateAsync(NewSet("db", 3, StatefulSetConventions.Parallel, partition: 1));
        await MakeAllReadyAsync(ns, "db-0", "db-1", "db-2");
        var before = await SetAsync(ns, "db", s => s.ReadyReplicas == 3, "3 ready");
        var oldRevision = before.Status!.UpdateRevision;
        var db0 = await WaitPodAsync(ns, "db-0");
        var db1 = await WaitPodAsync(ns, "db-1");

        await PatchAsync(ns, "db", new { spec = new { template = new { metadata = new { annotations = new { version = "v2" } } } } });

        var db2 = await WaitPodAsync(ns, "db-2", p => p.Metadata.Annotations?["version"] == "v2", "db-2 at v2");
        Assert.NotEqual(oldRevision, db2.Metadata.Labels!["controller-revision-hash"]);
        // db-1 waits until the new db-2 is ready.
        await SetAsync(ns, "db", s => s.UpdatedReplicas == 1 && s.UpdateRevision != oldRevision, "db-2 updated");
        Assert.Equal(db1.Metadata.Uid, (await WaitPodAsync(ns, "db-1")).Metadata.Uid);
        await MakeReadyAsync(ns, "db-2");
        var newDb1 = await WaitPodAsync(ns, "db-1", p => p.Metadata.Uid != db1.Metadata.Uid, "db-1 replaced");
        Assert.Equal("v2", newDb1.Metadata.Annotations!["version"]);
        await MakeReadyAsync(ns, "db-1");

        var after = await SetAsync(ns, "db", s => s is { UpdatedReplicas: 2, ReadyReplicas: 3, CurrentReplicas: 1 }, "2 updated, db-0 kept");
        Assert.Equal(oldRevision, after.Status!.CurrentRevision);
        var kept = await WaitPodAsync(ns, "db-0");
        Assert.Equal((db0.Metadata.Uid, "v1"), (kept.Metadata.Uid, kept.Metadata.Annotations!["version"]));

        // Below the partition, a deleted member comes back at the current revision.
        await cluster.Client.DeletePodAsync("db-0", ns);
        var recreated = await WaitPodAsync(ns, "db-0", p => p.Metadata.Uid != db0.Metadata.Uid, "db-0 recreated");
        Assert.Equal(("v1", oldRevision), (recreated.Metadata.Annotations!["version"], recreated.Metadata.Labels!["controller-revision-hash"]));
    }

    [Fact]
    public async Task Deleting_a_set_deletes_its_members_and_keeps_its_claims()
    {
        var ns = await CreateAsync(NewSet("db", 2, StatefulSetConventions.Parallel));
        await Eventually.WaitFor(() => PodNamesAsync(ns), names => names.Count == 2, "2 members", Deadline);

        await cluster.Client.DeleteAsync($"{Path(ns)}/db");

        await Eventually.WaitFor(() => PodNamesAsync(ns), names => names.Count == 0, "the members collected", Deadline);
        Assert.Equal(2, (await ClaimsAsync(ns)).Count(c => c.Metadata.DeletionTimestamp is null));
    }
}
