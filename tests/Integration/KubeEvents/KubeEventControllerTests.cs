using System.Net;
using EventOrch.Contracts.KubeEvents;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Integration.Controllers;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.KubeEvents;

/// <summary>The controllers' Events, from what the real Controllers host writes through a real Api (no scheduler: pods
/// stay unbound, so deletes are immediate).</summary>
public sealed class KubeEventControllerTests(ControllersFixture cluster) : IClassFixture<ControllersFixture>
{
    private HttpClient Client => cluster.Client;

    private static List<string?> Messages(ObjectList<KubeEvent> list, string reason) =>
        list.Items.Where(e => e.Reason == reason).Select(e => e.Message).ToList();

    private Task ScaleAsync(string path, int replicas) =>
        Client.SendAsync<Scale>(HttpMethod.Patch, $"{path}/scale", new { spec = new { replicas } }, "application/merge-patch+json");

    [Fact]
    public async Task Scaling_a_ReplicaSet_is_told_by_SuccessfulCreate_and_SuccessfulDelete_on_it()
    {
        var ns = await Client.CreateNamespaceAsync("evrs");
        var rs = await Client.CreateReplicaSetAsync(TestReplicaSets.New("web", 2), ns);
        await Client.WaitForReasonsAsync(rs, EventReasons.SuccessfulCreate, EventReasons.SuccessfulCreate);

        await ScaleAsync($"{TestReplicaSets.Path(ns)}/web", 3);
        var grown = await Client.WaitForReasonsAsync(rs, EventReasons.SuccessfulCreate, EventReasons.SuccessfulCreate, EventReasons.SuccessfulCreate);
        await ScaleAsync($"{TestReplicaSets.Path(ns)}/web", 1);
        var shrunk = await Client.WaitForReasonsAsync(rs, EventReasons.SuccessfulDelete, EventReasons.SuccessfulDelete);

        var pods = (await Client.ListPodsAsync(ns)).Items.Select(p => p.Metadata.Name).ToHashSet();
        var created = Messages(grown, EventReasons.SuccessfulCreate);
        Assert.Equal(3, created.Count);
        Assert.All(created, m => Assert.Matches("^Created pod: web-[a-z0-9]{5}$", m));
        var deleted = Messages(shrunk, EventReasons.SuccessfulDelete);
        Assert.Equal(2, deleted.Count);
        Assert.All(deleted, m => Assert.DoesNotContain(m!["Deleted pod: ".Length..], pods));
        Assert.All(shrunk.Items, e =>
        {
            Assert.Equal(("apps/v1", "ReplicaSet", "web", rs.Metadata.Uid), (e.InvolvedObject.ApiVersion, e.InvolvedObject.Kind, e.InvolvedObject.Name, e.InvolvedObject.Uid));
            Assert.Equal("replicaset-controller", e.Source!.Component);
            Assert.Equal(ApiServer.ComponentUser, e.Metadata.Annotations![KubeEventAnnotations.CausedBy]);
        });
    }

    [Fact]
    public async Task Deleting_a_ReplicaSet_leaves_its_pods_to_the_garbage_collector_and_no_SuccessfulDelete()
    {
        var ns = await Client.CreateNamespaceAsync("evrs");
        var rs = await Client.CreateReplicaSetAsync(TestReplicaSets.New("gone", 2), ns);
        await Client.WaitForReasonsAsync(rs, EventReasons.SuccessfulCreate, EventReasons.SuccessfulCreate);

        var response = await Client.DeleteAsync($"{TestReplicaSets.Path(ns)}/gone");
        Assert.True(response.IsSuccessStatusCode);
        await Eventually.WaitFor(async () => (await Client.ListPodsAsync(ns)).Items.Count, count => count == 0, "the garbage collector to delete the pods");

        Assert.Empty(Messages(await Client.EventsAsync(ns), EventReasons.SuccessfulDelete));
    }

    [Fact]
    public async Task A_Deployment_tells_of_scaling_its_ReplicaSet()
    {
        var ns = await Client.CreateNamespaceAsync("evdp");
        var path = $"/apis/apps/v1/namespaces/{ns}/deployments";
        var (code, deployment, response) = await Client.SendAsync<Deployment>(HttpMethod.Post, path, new Deployment
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new DeploymentSpec
            {
                Replicas = 2,
                Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                    Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest" }] },
                },
            },
        });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var events = await Client.WaitForReasonsAsync(deployment!, EventReasons.ScalingReplicaSet);
        await ScaleAsync($"{path}/web", 4);
        var scaled = await Client.WaitForReasonsAsync(deployment!, EventReasons.ScalingReplicaSet, EventReasons.ScalingReplicaSet);

        var rs = Assert.Single((await Client.SendAsync<ObjectList<ReplicaSet>>(HttpMethod.Get, TestReplicaSets.Path(ns))).Body!.Items);
        Assert.Equal($"Scaled up replica set {rs.Metadata.Name} from 0 to 2", events.Items[0].Message);
        Assert.Equal($"Scaled up replica set {rs.Metadata.Name} from 2 to 4", scaled.Items[^1].Message);
        Assert.All(scaled.Items, e => Assert.Equal(("deployment-controller", "Deployment", deployment!.Metadata.Uid), (e.Source!.Component, e.InvolvedObject.Kind, e.InvolvedObject.Uid)));
        // Its ReplicaSet's own Events are the replica set controller's.
        var created = await Client.WaitForReasonsAsync(rs, [.. Enumerable.Repeat(EventReasons.SuccessfulCreate, 4)]);
        Assert.All(created.Items, e => Assert.Equal("replicaset-controller", e.Source!.Component));
    }
}
