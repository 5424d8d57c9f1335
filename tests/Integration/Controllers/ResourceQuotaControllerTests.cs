using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using static EventOrch.Contracts.Model.DeploymentConventions;

namespace EventOrch.Tests.Integration.Controllers;

/// <summary>Quotas with the real Controllers host: the quota controller gives usage back when objects go, and a
/// Deployment whose pods a quota refuses reports it (ReplicaFailure on its ReplicaSet and on itself, a FailedCreate
/// Warning), then recovers when the quota allows more.</summary>
public sealed class ResourceQuotaControllerTests(ControllersFixture cluster) : IClassFixture<ControllersFixture>
{
    private static string Quotas(string ns) => $"/api/v1/namespaces/{ns}/resourcequotas";

    private async Task QuotaAsync(string ns, string name, Dictionary<string, string> hard)
    {
        var (code, _, response) = await cluster.Client.SendAsync<ResourceQuota>(HttpMethod.Post, Quotas(ns),
            new ResourceQuota { Metadata = new ObjectMeta { Name = name }, Spec = new ResourceQuotaSpec { Hard = hard } });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private Task<ResourceQuota> QuotaWhenAsync(string ns, string name, Func<ResourceQuota, bool> done, string what) =>
        Eventually.WaitFor(async () => (await cluster.Client.SendAsync<ResourceQuota>(HttpMethod.Get, $"{Quotas(ns)}/{name}")).Body!, done, what);

    [Fact]
    public async Task Deleting_pods_gives_their_usage_back_in_the_quota_status()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("rqc");
        await QuotaAsync(ns, "compute", new() { ["pods"] = "2", ["count/pods"] = "5" });
        await cluster.Client.CreatePodAsync(ObjectClient.NewPod("a"), ns);
        await cluster.Client.CreatePodAsync(ObjectClient.NewPod("b"), ns);
        var charged = await QuotaWhenAsync(ns, "compute", q => q.Status?.Used?.GetValueOrDefault("pods") == "2", "pods used 2 after two creates");
        Assert.Equal("2", charged.Status!.Used!["count/pods"]);

        await cluster.Client.DeletePodAsync("a", ns);

        var released = await QuotaWhenAsync(ns, "compute", q => q.Status?.Used?.GetValueOrDefault("pods") == "1", "pods used 1 after a delete");
        Assert.Equal("1", released.Status!.Used!["count/pods"]);
        await cluster.Client.CreatePodAsync(ObjectClient.NewPod("c"), ns);
    }

    [Fact]
    public async Task A_pod_that_finished_no_longer_counts_against_pods_but_still_against_its_object_count()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("rqt");
        await QuotaAsync(ns, "compute", new() { ["pods"] = "1", ["count/pods"] = "5" });
        await cluster.Client.CreatePodAsync(ObjectClient.NewPod("job"), ns);

        var (code, _, response) = await cluster.Client.SendAsync<Pod>(HttpMethod.Patch, $"{ObjectClient.PodsPath(ns)}/job/status",
            new { status = new { phase = PodPhases.Succeeded } }, "application/merge-patch+json");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var released = await QuotaWhenAsync(ns, "compute", q => q.Status?.Used?.GetValueOrDefault("pods") == "0", "pods used 0 once the pod Succeeded");
        Assert.Equal("1", released.Status!.Used!["count/pods"]);
        await cluster.Client.CreatePodAsync(ObjectClient.NewPod("next"), ns);
    }

    [Fact]
    public async Task A_deployment_beyond_a_pods_quota_reports_the_refusal_on_its_replica_set_and_itself()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("rqd");
        await QuotaAsync(ns, "compute", new() { ["pods"] = "2" });
        var deployment = new Deployment
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new DeploymentSpec
            {
                Replicas = 3,
                Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                    Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest" }] },
                },
            },
        };
        var (created, _, response) = await cluster.Client.SendAsync<Deployment>(HttpMethod.Post, $"/apis/apps/v1/namespaces/{ns}/deployments", deployment);
        Assert.True(created == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var rs = await Eventually.WaitFor(async () =>
                (await cluster.Client.SendAsync<ObjectList<ReplicaSet>>(HttpMethod.Get, $"/apis/apps/v1/namespaces/{ns}/replicasets")).Body!.Items.FirstOrDefault(),
            r => r?.Status?.Conditions?.Any(c => c.Type == ReplicaFailure) == true, "the replica set's ReplicaFailure condition");
        var failure = Assert.Single(rs!.Status!.Conditions!, c => c.Type == ReplicaFailure);
        Assert.Equal((ConditionStatuses.True, "FailedCreate"), (failure.Status, failure.Reason));
        Assert.Equal($"pods \"{rs.Metadata.Name}-\" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2", failure.Message);
        Assert.Equal(2, (await cluster.Client.ListPodsAsync(ns)).Items.Count);

        var reported = await Eventually.WaitFor(async () =>
                (await cluster.Client.SendAsync<Deployment>(HttpMethod.Get, $"/apis/apps/v1/namespaces/{ns}/deployments/web")).Body!,
            d => d.Status?.Conditions?.Any(c => c.Type == ReplicaFailure) == true, "the deployment's ReplicaFailure condition");
        var copied = Assert.Single(reported.Status!.Conditions!, c => c.Type == ReplicaFailure);
        Assert.Equal((ConditionStatuses.True, "FailedCreate", failure.Message), (copied.Status, copied.Reason, copied.Message));

        var warning = await Eventually.WaitFor(async () =>
                (await cluster.Client.SendAsync<ObjectList<KubeEvent>>(HttpMethod.Get, $"/api/v1/namespaces/{ns}/events")).Body!.Items
                .FirstOrDefault(e => e.Reason == "FailedCreate"),
            e => e is not null, "a FailedCreate event");
        Assert.Equal(("Warning", "ReplicaSet", rs.Metadata.Name), (warning!.Type, warning.InvolvedObject.Kind, warning.InvolvedObject.Name));
        Assert.Equal($"Error creating: {failure.Message}", warning.Message);

        // More room: the third pod is created and both conditions go.
        var (patched, _, _) = await cluster.Client.SendAsync<ResourceQuota>(HttpMethod.Patch, $"{Quotas(ns)}/compute",
            new { spec = new { hard = new { pods = "3" } } }, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched);
        await Eventually.WaitFor(async () =>
                (await cluster.Client.SendAsync<Deployment>(HttpMethod.Get, $"/apis/apps/v1/namespaces/{ns}/deployments/web")).Body!,
            d => d.Status?.Conditions?.Any(c => c.Type == ReplicaFailure) != true && d.Status?.Replicas == 3, "the deployment at 3 replicas without ReplicaFailure",
            TimeSpan.FromSeconds(60));
        Assert.Equal(3, (await cluster.Client.ListPodsAsync(ns)).Items.Count);
    }
}
