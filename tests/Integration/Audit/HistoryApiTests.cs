using System.Net;
using System.Text;
using EventOrch.Contracts.Diffing;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Audit;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Audit;

/// <summary>GET .../{name}/history over a real Api: every event of an object with who, when, the request, the cause and
/// the fields changed, for live and deleted objects, choosing among the objects that held a name.</summary>
public sealed class HistoryApiTests(AuditApiServer api) : IClassFixture<AuditApiServer>
{
    private HttpClient Client => api.Client;

    private async Task<ObjectHistory> HistoryAsync(string path)
    {
        var (code, history, response) = await Client.SendAsync<ObjectHistory>(HttpMethod.Get, path);
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return history!;
    }

    [Fact]
    public async Task A_pods_history_shows_created_bound_running_and_deleted_with_who_did_each_and_what_changed()
    {
        var ns = await Client.CreateNamespaceAsync("hist");
        await Client.RegisterAsync(TestNodes.New("hist-node-1"));
        var path = $"{ObjectClient.PodsPath(ns)}/web";
        await Client.WriteAsync(HttpMethod.Post, ObjectClient.PodsPath(ns), ObjectClient.NewPod("web"), requestId: "req-create-web");
        var created = (await HistoryAsync($"{path}/history")).Events.Single();
        using var scheduler = api.ClientAs(AuditApiServer.Scheduler);
        await scheduler.WriteAsync(HttpMethod.Post, $"{path}/binding",
            new Binding { Metadata = new ObjectMeta { Name = "web" }, Target = new ObjectReference { Kind = "Node", Name = "hist-node-1" } }, created.EventId);
        var bound = (await HistoryAsync($"{path}/history")).Events[^1];
        using var agent = api.ClientAs(AuditApiServer.NodeAgent);
        var (_, pod, _) = await Client.SendAsync<Pod>(HttpMethod.Get, path);
        await agent.WriteAsync(HttpMethod.Put, $"{path}/status", pod! with
        {
            Status = pod.Status! with
            {
                Phase = PodPhases.Running,
                ContainerStatuses = [new ContainerStatus { Name = "main", Ready = true, Image = "eventorch/busybox:latest", State = new ContainerState { Running = new ContainerStateRunning() } }],
            },
        }, bound.EventId);
        await Client.DeletePodAsync("web", ns);
        await agent.WriteAsync(HttpMethod.Delete, $"{path}?gracePeriodSeconds=0", null);

        var history = await HistoryAsync($"{path}/history");

        Assert.Equal(["PodCreated", "PodBound", "PodStatusChanged", "PodTerminationRequested", "PodDeleted"], history.Events.Select(e => e.Type));
        Assert.Equal([ApiServer.AdminUser, AuditApiServer.Scheduler, AuditApiServer.NodeAgent, ApiServer.AdminUser, AuditApiServer.NodeAgent],
            history.Events.Select(e => e.User));
        Assert.Equal("req-create-web", history.Events[0].CorrelationId);
        Assert.Equal([null, created.EventId, bound.EventId, null, null], history.Events.Select(e => e.CausationId));
        Assert.Equal([1L, 2, 3, 4, 5], history.Events.Select(e => e.StreamVersion));
        Assert.True(history.Deleted);
        Assert.Equal(("Pod", ns, "web", pod.Metadata.Uid), (history.Object.Kind, history.Object.Namespace, history.Object.Name, history.Object.Uid));
        var binding = history.Events[1].Changes.Single(c => c.Path == "spec.nodeName");
        Assert.Equal((FieldChangeOp.Added, "hist-node-1"), (binding.Op, binding.New!.GetValue<string>()));
        var phase = history.Events[2].Changes.Single(c => c.Path == "status.phase");
        Assert.Equal(("Pending", "Running"), (phase.Old!.GetValue<string>(), phase.New!.GetValue<string>()));
        Assert.Contains(history.Events[2].Changes, c => c.Path == "status.containerStatuses[name=main]" && c.Op == FieldChangeOp.Added);
        Assert.Contains(history.Events[3].Changes, c => c.Path == "metadata.deletionTimestamp");
        Assert.Contains(history.Events[0].Changes, c => c.Path == "spec.containers[name=main]");
        Assert.Empty(history.Events[4].Changes);
        Assert.DoesNotContain(history.Events.SelectMany(e => e.Changes), c => c.Path == "metadata.resourceVersion");
        var versions = history.Events.Select(e => long.Parse(e.ResourceVersion)).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(history.Events[^1].ResourceVersion, history.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_deleted_Deployments_history_is_found_by_its_name_with_the_scale_and_the_delete()
    {
        var ns = await Client.CreateNamespaceAsync("hist");
        var deployments = $"/apis/apps/v1/namespaces/{ns}/deployments";
        await Client.WriteAsync(HttpMethod.Post, deployments, TestReplicaSets.NewDeployment("web", 1));
        using var ops = api.ClientAs(AuditApiServer.OpsAdmin);
        await ops.WriteAsync(HttpMethod.Patch, $"{deployments}/web/scale", new { spec = new { replicas = 3 } }, contentType: "application/merge-patch+json");
        await ops.WriteAsync(HttpMethod.Delete, $"{deployments}/web", null);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"{deployments}/web")).StatusCode);

        var history = await HistoryAsync($"{deployments}/web/history");

        Assert.True(history.Deleted);
        Assert.Equal("DeploymentCreated", history.Events[0].Type);
        Assert.Equal("DeploymentDeleted", history.Events[^1].Type);
        Assert.Equal(AuditApiServer.OpsAdmin, history.Events[^1].User);
        var scale = history.Events.Single(e => e.Type == "DeploymentSpecChanged");
        Assert.Equal(AuditApiServer.OpsAdmin, scale.User);
        Assert.Equal("~ spec.replicas: 1 -> 3", ObjectDiffText.Line(scale.Changes.Single(c => c.Path == "spec.replicas")));
        Assert.NotNull(Assert.Single(history.Streams).DeletedAt);
    }

    [Fact]
    public async Task Of_the_objects_that_held_a_name_the_live_one_is_shown_and_a_past_one_is_chosen_by_uid()
    {
        var ns = await Client.CreateNamespaceAsync("hist");
        var configMaps = $"/api/v1/namespaces/{ns}/configmaps";
        var uids = new List<string>();
        foreach (var value in new[] { "one", "two", "three" })
        {
            var (_, made, _) = await Client.SendAsync<ConfigMap>(HttpMethod.Post, configMaps,
                new ConfigMap { Metadata = new ObjectMeta { Name = "cfg" }, Data = new() { ["value"] = value } });
            uids.Add(made!.Metadata.Uid!);
            if (value != "three") await Client.WriteAsync(HttpMethod.Delete, $"{configMaps}/cfg", null);
        }

        var live = await HistoryAsync($"{configMaps}/cfg/history");
        var first = await HistoryAsync($"{configMaps}/cfg/history?uid={uids[0]}");

        Assert.Equal(uids, live.Streams.Select(s => s.Uid));
        Assert.Equal(uids[2], live.Object.Uid);
        Assert.False(live.Deleted);
        Assert.Equal([true, true, false], live.Streams.Select(s => s.DeletedAt is not null));
        Assert.Equal(uids[0], first.Object.Uid);
        Assert.True(first.Deleted);
        Assert.Equal(["ConfigMapCreated", "ConfigMapDeleted"], first.Events.Select(e => e.Type));
        Assert.Equal("one", first.Events[0].Changes.Single(c => c.Path == "data.value").New!.GetValue<string>());

        await Client.WriteAsync(HttpMethod.Delete, $"{configMaps}/cfg", null);
        Assert.Equal(uids[2], (await HistoryAsync($"{configMaps}/cfg/history")).Object.Uid);
    }

    [Fact]
    public async Task A_name_never_held_is_a_not_found_status_and_a_bad_or_foreign_uid_is_refused()
    {
        var ns = await Client.CreateNamespaceAsync("hist");
        await Client.CreatePodAsync(ObjectClient.NewPod("held"), ns);

        var (never, neverStatus, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"{ObjectClient.PodsPath(ns)}/ghost/history");
        var (bad, badStatus, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"{ObjectClient.PodsPath(ns)}/held/history?uid=not-a-uid");
        var stranger = Guid.NewGuid();
        var (foreign, foreignStatus, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"{ObjectClient.PodsPath(ns)}/held/history?uid={stranger}");

        Assert.Equal(HttpStatusCode.NotFound, never);
        Assert.Equal((StatusReasons.NotFound, "ghost", "pods"), (neverStatus!.Reason, neverStatus.Details!.Name, neverStatus.Details.Kind));
        Assert.StartsWith("pods \"ghost\" not found", neverStatus.Message);
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("uid", badStatus!.Details!.Causes![0].Field);
        Assert.Equal(HttpStatusCode.NotFound, foreign);
        Assert.Contains(stranger.ToString(), foreignStatus!.Message);
    }

    [Fact]
    public async Task A_secrets_history_says_which_keys_changed_never_their_values()
    {
        var ns = await Client.CreateNamespaceAsync("hist");
        var secrets = $"/api/v1/namespaces/{ns}/secrets";
        await Client.WriteAsync(HttpMethod.Post, secrets, new Secret { Metadata = new ObjectMeta { Name = "db" }, StringData = new() { ["password"] = "first-s3cret" } });
        await Client.WriteAsync(HttpMethod.Patch, $"{secrets}/db", new { stringData = new { password = "second-s3cret", user = "app-user" } },
            contentType: "application/merge-patch+json");

        var response = await Client.GetStringAsync($"{secrets}/db/history");
        var history = System.Text.Json.JsonSerializer.Deserialize<ObjectHistory>(response, Contracts.Serialization.KubeJson.Options)!;

        foreach (var secret in new[] { "first-s3cret", "second-s3cret", "app-user" })
        {
            Assert.DoesNotContain(secret, response);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), response);
        }
        var update = history.Events.Single(e => e.Type == "SecretDataChanged");
        Assert.Equal(["~ data.password: (hidden)", "+ data.user: (hidden)"], update.Changes.Select(c => ObjectDiffText.Line(c)));
    }

    [Fact]
    public async Task A_cluster_scoped_node_has_its_history_at_its_own_path()
    {
        await Client.RegisterAsync(TestNodes.New("hist-node-2"));
        await Client.WriteAsync(HttpMethod.Patch, $"{TestNodes.Path}/hist-node-2", new { spec = new { unschedulable = true } },
            contentType: "application/merge-patch+json");

        var history = await HistoryAsync($"{TestNodes.Path}/hist-node-2/history");

        Assert.Equal(["NodeRegistered", "NodeSpecChanged"], history.Events.Select(e => e.Type));
        Assert.Null(history.Object.Namespace);
        Assert.Equal("+ spec.unschedulable: true", ObjectDiffText.Line(history.Events[1].Changes.Single()));
    }

    [Fact]
    public async Task Discovery_lists_the_history_and_why_subresources_of_every_kind()
    {
        var core = System.Text.Json.Nodes.JsonNode.Parse(await Client.GetStringAsync("/api/v1"))!;
        var apps = System.Text.Json.Nodes.JsonNode.Parse(await Client.GetStringAsync("/apis/apps/v1"))!;
        var names = core["resources"]!.AsArray().Concat(apps["resources"]!.AsArray())
            .ToDictionary(r => r!["name"]!.GetValue<string>(), r => r!);

        foreach (var name in new[] { "pods/history", "pods/why", "nodes/history", "secrets/history", "deployments/history", "deployments/why" })
        {
            Assert.Equal(["get"], names[name]["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
            Assert.Equal("eventorch.io", names[name]["group"]!.GetValue<string>());
        }
        Assert.Equal("ObjectHistory", names["pods/history"]["kind"]!.GetValue<string>());
        Assert.Equal("CausalChain", names["pods/why"]["kind"]!.GetValue<string>());
    }
}
