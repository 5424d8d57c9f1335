using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using static EventOrch.Contracts.Model.DeploymentConventions;

namespace EventOrch.Tests.EndToEnd;

/// <summary>ReplicationControllers and Deployments through the processes ./eo up started, with real containers:
/// replicas converge when scaled and come back when removed; a rolling update keeps enough replicas serving and a
/// rollback returns to the old template; deleting the Deployment removes what it owns.</summary>
public sealed class WorkloadRunTests : IDisposable
{
    private readonly HttpClient _client = Cluster.AdminClient();
    private string _namespace = "";

    [Theory]
    [InlineData("/api/v1", "replicationcontrollers")]
    [InlineData("/apis/apps/v1", "deployments")]
    public async Task Replicas_converge_when_scaled_and_come_back_when_removed(string group, string plural)
    {
        _namespace = await _client.NewNamespaceAsync();
        var path = $"{group}/namespaces/{_namespace}/{plural}";
        object workload = plural == "deployments"
            ? new Deployment
            {
                Metadata = new ObjectMeta { Name = "web" },
                Spec = new DeploymentSpec { Replicas = 3, Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } }, Template = Cluster.WebTemplate("web") },
            }
            : new ReplicationController
            {
                Metadata = new ObjectMeta { Name = "web" },
                Spec = new ReplicationControllerSpec { Replicas = 3, Template = Cluster.WebTemplate("web") },
            };
        var (code, _, response) = await _client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Post, path, workload);
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var pods = await _client.ReadyPodsAsync(_namespace, p => p.Count == 3, "3 ready replicas");

        foreach (var replicas in new[] { 5, 1, 3 })
        {
            var (scaled, _, _) = await _client.SendAsync<Scale>(HttpMethod.Patch, $"{path}/web/scale", new { spec = new { replicas } }, "application/merge-patch+json");
            Assert.Equal(HttpStatusCode.OK, scaled);
            pods = await _client.ReadyPodsAsync(_namespace, p => p.Count == replicas, $"{replicas} ready replicas");
        }

        // Containers removed behind the agent's back: the agent starts the pod again.
        var victim = pods[0];
        var ids = Cluster.Docker($"ps -q --filter label=io.eventorch.pod.uid={victim.Metadata.Uid}").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(ids);
        Cluster.Docker($"rm -f {string.Join(' ', ids)}");
        await _client.ReadyPodsAsync(_namespace, p => p.Count == 3 && p.Any(x => x.Metadata.Uid == victim.Metadata.Uid
            && x.Status!.ContainerStatuses![0].ContainerID != victim.Status!.ContainerStatuses![0].ContainerID), "the removed replica running again");

        // A deleted pod: its owner makes another.
        await _client.DeletePodAsync(pods[1].Metadata.Name!, _namespace);
        await _client.ReadyPodsAsync(_namespace, p => p.Count == 3 && p.All(x => x.Metadata.Uid != pods[1].Metadata.Uid), "the deleted replica replaced");
    }

    [Fact]
    public async Task A_rolling_update_keeps_replicas_serving_a_rollback_restores_the_old_template_and_deleting_removes_everything()
    {
        _namespace = await _client.NewNamespaceAsync();
        var path = $"/apis/apps/v1/namespaces/{_namespace}/deployments";
        await _client.SendAsync<Deployment>(HttpMethod.Post, path, new Deployment
        {
            Metadata = new ObjectMeta { Name = "roll" },
            Spec = new DeploymentSpec
            {
                Replicas = 4,
                Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "roll" } },
                Strategy = new DeploymentStrategy
                {
                    Type = DeploymentStrategyTypes.RollingUpdate,
                    RollingUpdate = new RollingUpdateDeployment { MaxSurge = 1, MaxUnavailable = 1 },
                },
                Template = Cluster.WebTemplate("roll", new() { ["version"] = "v1" }),
            },
        });
        await _client.ReadyPodsAsync(_namespace, p => p.Count == 4, "4 ready replicas");

        async Task RollTo(string version, long generation)
        {
            await _client.SendAsync<Deployment>(HttpMethod.Patch, $"{path}/roll",
                new { spec = new { template = new { metadata = new { annotations = new { version } } } } }, "application/merge-patch+json");
            var fewestReady = int.MaxValue;
            await Eventually.WaitFor(async () =>
            {
                var ready = (await _client.ListPodsAsync(_namespace)).Items.Count(p => p.IsReady() && p.Metadata.DeletionTimestamp is null);
                fewestReady = Math.Min(fewestReady, ready);
                return (await _client.SendAsync<Deployment>(HttpMethod.Get, $"{path}/roll")).Body!;
            }, d => d.Status is { } s && s.ObservedGeneration == generation && s.UpdatedReplicas == 4 && s.Replicas == 4 && s.AvailableReplicas == 4,
                $"the rollout to {version}", TimeSpan.FromSeconds(120));
            Assert.True(fewestReady >= 3, $"only {fewestReady} replicas were ready at one moment of the rollout to {version}; replicas - maxUnavailable is 3");
            await _client.ReadyPodsAsync(_namespace, p => p.Count == 4 && p.All(x => x.Metadata.Annotations?["version"] == version), $"every replica on {version}");
        }

        await RollTo("v2", 2);
        await RollTo("v1", 3);
        var sets = (await _client.SendAsync<ObjectList<ReplicaSet>>(HttpMethod.Get, $"/apis/apps/v1/namespaces/{_namespace}/replicasets")).Body!.Items;
        Assert.Equal(2, sets.Count);
        Assert.Equal("3", sets.Single(s => s.Spec.Replicas == 4).Metadata.Annotations![RevisionAnnotation]);

        await _client.DeleteAsync($"{path}/roll");
        await Eventually.WaitFor(async () =>
                (await _client.ListPodsAsync(_namespace)).Items.Count
                + (await _client.SendAsync<ObjectList<ReplicaSet>>(HttpMethod.Get, $"/apis/apps/v1/namespaces/{_namespace}/replicasets")).Body!.Items.Count,
            n => n == 0, "the replica sets and pods collected", TimeSpan.FromSeconds(60));
    }

    public void Dispose()
    {
        if (_namespace.Length > 0) _client.DeleteAsync($"/api/v1/namespaces/{_namespace}").GetAwaiter().GetResult();
        _client.Dispose();
    }
}
