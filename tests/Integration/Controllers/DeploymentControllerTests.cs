using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using static EventOrch.Contracts.Model.DeploymentConventions;

namespace EventOrch.Tests.Integration.Controllers;

/// <summary>The deployment controller in the real Controllers host, with the real Api and scheduler and a simulated
/// node whose pods turn Ready a moment after they start: rollouts, rollbacks, Recreate, pausing, history and the
/// progress deadline.</summary>
public sealed class DeploymentControllerTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>
{
    private static string Path(string ns) => $"/apis/apps/v1/namespaces/{ns}/deployments";

    private async Task<string> NamespaceAsync()
    {
        var ns = $"dp-{Guid.NewGuid():N}"[..12];
        await cluster.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } });
        return ns;
    }

    private static Deployment NewDeployment(string name, int replicas, string version = "v1", DeploymentStrategy? strategy = null) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = name } },
            Strategy = strategy,
            Template = Template(name, version),
        },
    };

    private static PodTemplateSpec Template(string app, string version) => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = app }, Annotations = new() { ["version"] = version } },
        Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest" }] },
    };

    private async Task<Deployment> CreateAsync(string ns, Deployment deployment)
    {
        var (code, created, response) = await cluster.Client.SendAsync<Deployment>(HttpMethod.Post, Path(ns), deployment);
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return created!;
    }

    private async Task PatchAsync(string ns, string name, object patch)
    {
        var (code, _, response) = await cluster.Client.SendAsync<Deployment>(HttpMethod.Patch, $"{Path(ns)}/{name}", patch, "application/merge-patch+json");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private Task<Deployment> DeploymentAsync(string ns, string name, Func<Deployment, bool> done, string what, int seconds = 60) =>
        Eventually.WaitFor(async () => (await cluster.Client.SendAsync<Deployment>(HttpMethod.Get, $"{Path(ns)}/{name}")).Body!,
            done, what, TimeSpan.FromSeconds(seconds));

    private async Task<List<ReplicaSet>> ReplicaSetsAsync(string ns) =>
        (await cluster.Client.SendAsync<ObjectList<ReplicaSet>>(HttpMethod.Get, $"/apis/apps/v1/namespaces/{ns}/replicasets")).Body!.Items;

    private async Task<List<Pod>> LivePodsAsync(string ns) =>
        (await cluster.Client.ListPodsAsync(ns)).Items.Where(p => p.Metadata.DeletionTimestamp is null).ToList();

    private static bool Complete(Deployment d) =>
        d.Status is { } s && s.ObservedGeneration == d.Metadata.Generation && s.UpdatedReplicas == d.Spec.Replicas && s.Replicas == d.Spec.Replicas
        && s.AvailableReplicas == d.Spec.Replicas
        && s.Conditions?.FirstOrDefault(c => c.Type == Progressing)?.Reason == NewReplicaSetAvailable;

    private static string Version(Pod pod) => pod.Metadata.Annotations?.GetValueOrDefault("version") ?? "";

    [Fact]
    public async Task A_deployment_creates_a_replica_set_per_template_and_reports_its_rollout()
    {
        var ns = await NamespaceAsync();
        await CreateAsync(ns, NewDeployment("web", 3));

        var d = await DeploymentAsync(ns, "web", Complete, "the first rollout complete");

        var rs = Assert.Single(await ReplicaSetsAsync(ns));
        var hash = rs.Metadata.Labels![PodTemplateHashLabel];
        Assert.Equal($"web-{hash}", rs.Metadata.Name);
        Assert.Equal(hash, rs.Spec.Selector!.MatchLabels![PodTemplateHashLabel]);
        Assert.Equal("1", rs.Metadata.Annotations![RevisionAnnotation]);
        Assert.Equal("1", d.Metadata.Annotations![RevisionAnnotation]);
        Assert.Equal(("Deployment", "web", true), (rs.Metadata.OwnerReferences![0].Kind, rs.Metadata.OwnerReferences[0].Name, rs.Metadata.OwnerReferences[0].Controller == true));
        Assert.Equal((3, 3, 3, 0), (d.Status!.ReadyReplicas, d.Status.AvailableReplicas, d.Status.UpdatedReplicas, d.Status.UnavailableReplicas));
        Assert.Equal(ConditionStatuses.True, d.Status.Conditions!.Single(c => c.Type == Available).Status);
        var pods = await LivePodsAsync(ns);
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Equal(hash, p.Metadata.Labels![PodTemplateHashLabel]));

        var (scaled, scale, _) = await cluster.Client.SendAsync<Scale>(HttpMethod.Patch, $"{Path(ns)}/web/scale",
            new { spec = new { replicas = 5 } }, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, scaled);
        Assert.Equal($"app=web", scale!.Status!.Selector);
        await DeploymentAsync(ns, "web", x => Complete(x) && x.Status!.AvailableReplicas == 5, "scaled to 5");
        await PatchAsync(ns, "web", new { spec = new { replicas = 1 } });
        await DeploymentAsync(ns, "web", x => Complete(x) && x.Status!.Replicas == 1, "scaled to 1");
        Assert.Single(await ReplicaSetsAsync(ns));
    }

    [Fact]
    public async Task A_rolling_update_keeps_enough_pods_ready_and_a_rollback_revives_the_old_replica_set()
    {
        var ns = await NamespaceAsync();
        await CreateAsync(ns, NewDeployment("roll", 4, strategy: new DeploymentStrategy
        {
            Type = DeploymentStrategyTypes.RollingUpdate,
            RollingUpdate = new RollingUpdateDeployment { MaxSurge = 1, MaxUnavailable = "25%" },
        }));
        await DeploymentAsync(ns, "roll", Complete, "the first rollout complete");
        var first = Assert.Single(await ReplicaSetsAsync(ns));

        await PatchAsync(ns, "roll", new { spec = new { template = new { metadata = new { annotations = new { version = "v2" } } } } });

        // Sample while it rolls: never fewer than replicas - maxUnavailable ready, never more than replicas + maxSurge pods.
        var minReady = int.MaxValue;
        var maxPods = 0;
        var done = await Eventually.WaitFor(async () =>
        {
            var pods = await LivePodsAsync(ns);
            minReady = Math.Min(minReady, pods.Count(p => p.IsReady()));
            maxPods = Math.Max(maxPods, pods.Count);
            return (await cluster.Client.SendAsync<Deployment>(HttpMethod.Get, $"{Path(ns)}/roll")).Body!;
        }, d => d.Metadata.Generation == 2 && Complete(d), "the rolling update complete", TimeSpan.FromSeconds(60));
        Assert.True(minReady >= 3, $"{minReady} pods ready at the worst moment; at least 3 must be");
        Assert.True(maxPods <= 5, $"{maxPods} pods at the busiest moment; at most 5 may be");
        Assert.Equal("2", done.Metadata.Annotations![RevisionAnnotation]);
        var sets = await ReplicaSetsAsync(ns);
        Assert.Equal(2, sets.Count);
        Assert.Equal(0, sets.Single(s => s.Metadata.Uid == first.Metadata.Uid).Spec.Replicas);
        await Eventually.WaitFor(() => LivePodsAsync(ns), pods => pods.Count == 4 && pods.All(p => Version(p) == "v2"), "every pod on v2");

        // kubectl rollout undo: the template of revision 1 again.
        await PatchAsync(ns, "roll", new { spec = new { template = new { metadata = new { annotations = new { version = "v1" } } } } });
        var rolledBack = await DeploymentAsync(ns, "roll", d => d.Metadata.Generation == 3 && Complete(d), "the rollback complete");
        Assert.Equal("3", rolledBack.Metadata.Annotations![RevisionAnnotation]);
        sets = await ReplicaSetsAsync(ns);
        Assert.Equal(2, sets.Count);
        var revived = sets.Single(s => s.Metadata.Uid == first.Metadata.Uid);
        Assert.Equal((4, "3", "1"), (revived.Spec.Replicas, revived.Metadata.Annotations![RevisionAnnotation], revived.Metadata.Annotations[RevisionHistoryAnnotation]));
        await Eventually.WaitFor(() => LivePodsAsync(ns), pods => pods.Count == 4 && pods.All(p => Version(p) == "v1"), "every pod back on v1");
    }

    [Fact]
    public async Task Recreate_removes_every_old_pod_before_starting_new_ones()
    {
        var ns = await NamespaceAsync();
        await CreateAsync(ns, NewDeployment("again", 3, strategy: new DeploymentStrategy { Type = DeploymentStrategyTypes.Recreate }));
        await DeploymentAsync(ns, "again", Complete, "the first rollout complete");

        await PatchAsync(ns, "again", new { spec = new { template = new { metadata = new { annotations = new { version = "v2" } } } } });

        var mixed = false;
        await Eventually.WaitFor(async () =>
        {
            var versions = (await cluster.Client.ListPodsAsync(ns)).Items.Select(Version).Distinct().Count();
            mixed |= versions > 1;
            return (await cluster.Client.SendAsync<Deployment>(HttpMethod.Get, $"{Path(ns)}/again")).Body!;
        }, d => d.Metadata.Generation == 2 && Complete(d), "the recreate complete", TimeSpan.FromSeconds(60));
        Assert.False(mixed, "old and new pods existed at the same time");
        Assert.All(await LivePodsAsync(ns), p => Assert.Equal("v2", Version(p)));
    }

    [Fact]
    public async Task A_paused_deployment_does_not_roll_out_until_resumed_and_old_revisions_beyond_the_limit_are_deleted()
    {
        var ns = await NamespaceAsync();
        var deployment = NewDeployment("held", 2);
        await CreateAsync(ns, deployment with { Spec = deployment.Spec with { RevisionHistoryLimit = 1 } });
        await DeploymentAsync(ns, "held", Complete, "the first rollout complete");

        await PatchAsync(ns, "held", new { spec = new { paused = true, template = new { metadata = new { annotations = new { version = "v2" } } } } });
        var paused = await DeploymentAsync(ns, "held",
            d => d.Status?.ObservedGeneration == 2 && d.Status.Conditions?.Any(c => c.Type == Progressing && c.Reason == DeploymentPaused) == true,
            "the pause observed");
        Assert.Equal(ConditionStatuses.Unknown, paused.Status!.Conditions!.Single(c => c.Type == Progressing).Status);
        Assert.Single(await ReplicaSetsAsync(ns));
        Assert.All(await LivePodsAsync(ns), p => Assert.Equal("v1", Version(p)));

        await PatchAsync(ns, "held", new { spec = new { paused = false } });
        await DeploymentAsync(ns, "held", d => d.Metadata.Generation == 3 && Complete(d), "the resumed rollout complete");
        await PatchAsync(ns, "held", new { spec = new { template = new { metadata = new { annotations = new { version = "v3" } } } } });
        await DeploymentAsync(ns, "held", d => d.Metadata.Generation == 4 && Complete(d), "the third rollout complete");

        // Revision 3 runs; of the idle ones only the newest (revision 2) is kept.
        var sets = await Eventually.WaitFor(() => ReplicaSetsAsync(ns), s => s.Count == 2, "one old revision kept");
        Assert.Equal(["2", "3"], sets.Select(s => s.Metadata.Annotations![RevisionAnnotation]).Order());
    }

    [Fact]
    public async Task A_rollout_that_cannot_progress_reports_its_deadline_exceeded()
    {
        var ns = await NamespaceAsync();
        var deployment = NewDeployment("stuck", 2);
        // No node has this label: the pods stay Pending.
        var template = deployment.Spec.Template! with { Spec = deployment.Spec.Template!.Spec with { NodeSelector = new() { ["disk"] = "nowhere" } } };
        await CreateAsync(ns, deployment with { Spec = deployment.Spec with { ProgressDeadlineSeconds = 2, Template = template } });

        var d = await DeploymentAsync(ns, "stuck",
            x => x.Status?.Conditions?.Any(c => c.Type == Progressing && c.Reason == ProgressDeadlineExceeded) == true, "the deadline exceeded", 30);
        var progressing = d.Status!.Conditions!.Single(c => c.Type == Progressing);
        Assert.Equal(ConditionStatuses.False, progressing.Status);
        Assert.Equal(ConditionStatuses.False, d.Status.Conditions!.Single(c => c.Type == Available).Status);
    }

    [Theory]
    [InlineData("Background")]
    [InlineData("Foreground")]
    [InlineData("Orphan")]
    public async Task Deleting_a_deployment_removes_its_replica_sets_and_pods_unless_they_are_orphaned(string policy)
    {
        var ns = await NamespaceAsync();
        var name = policy.ToLowerInvariant();
        await CreateAsync(ns, NewDeployment(name, 2));
        await DeploymentAsync(ns, name, Complete, "the rollout complete");

        var (code, _, response) = await cluster.Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Delete, $"{Path(ns)}/{name}?propagationPolicy={policy}");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        await Eventually.WaitFor(async () => (await cluster.Client.SendAsync<ObjectList<Deployment>>(HttpMethod.Get, Path(ns))).Body!.Items.Count,
            n => n == 0, "the deployment gone", TimeSpan.FromSeconds(30));
        if (policy == "Orphan")
        {
            var rs = Assert.Single(await ReplicaSetsAsync(ns));
            Assert.Null(rs.Metadata.OwnerReferences);
            Assert.Equal(2, (await LivePodsAsync(ns)).Count);
        }
        else
        {
            await Eventually.WaitFor(async () => (await ReplicaSetsAsync(ns)).Count + (await cluster.Client.ListPodsAsync(ns)).Items.Count,
                n => n == 0, "its replica sets and pods collected", TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task Scaling_in_the_middle_of_a_rollout_spreads_the_new_replicas_over_the_old_and_the_new_replica_set()
    {
        var ns = await NamespaceAsync();
        await CreateAsync(ns, NewDeployment("midway", 4));
        await DeploymentAsync(ns, "midway", Complete, "the first rollout complete");

        // A template whose pods cannot be placed: the rollout stops once surge and unavailability are used up.
        await PatchAsync(ns, "midway", new { spec = new { template = new { spec = new { nodeSelector = new Dictionary<string, string> { ["disk"] = "nowhere" } } } } });
        // Settled, not on the way there (4 + 1 comes first, then the old set gives up the one pod maxUnavailable allows).
        var stuck = await Eventually.WaitFor(() => ReplicaSetsAsync(ns), sets => sets.Count == 2 && Size(sets, "1") == 3 && Size(sets, "2") == 2,
            "the rollout at its limit: 5 pods (4 + maxSurge 1), 3 of them old (4 - maxUnavailable 1)");
        var (oldBefore, newBefore) = (Size(stuck, "1"), Size(stuck, "2"));

        await cluster.Client.SendAsync<Scale>(HttpMethod.Patch, $"{Path(ns)}/midway/scale", new { spec = new { replicas = 8 } }, "application/merge-patch+json");

        // 8 replicas + maxSurge 2 (25%, rounded up) = 10, spread in proportion to the sizes.
        var scaled = await Eventually.WaitFor(() => ReplicaSetsAsync(ns), sets => sets.Sum(s => s.Spec.Replicas) == 10, "10 pods over both replica sets");
        Assert.True(Size(scaled, "1") > oldBefore && Size(scaled, "2") > newBefore,
            $"old {oldBefore} -> {Size(scaled, "1")}, new {newBefore} -> {Size(scaled, "2")}: both should grow");
        Assert.All(scaled, rs => Assert.Equal("8", rs.Metadata.Annotations![DesiredReplicasAnnotation]));

        static int Size(List<ReplicaSet> sets, string revision) => sets.Single(s => s.Metadata.Annotations![RevisionAnnotation] == revision).Spec.Replicas ?? 0;
    }
}
