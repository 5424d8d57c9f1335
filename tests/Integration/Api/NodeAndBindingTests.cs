using System.Net;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

public sealed class NodeAndBindingTests(ApiServer api) : IClassFixture<ApiServer>
{
    private const string Nodes = "/api/v1/nodes";

    private static Node NewNode(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Status = new NodeStatus
        {
            Capacity = new() { ["cpu"] = "2", ["memory"] = "4Gi", ["pods"] = "110" },
            Allocatable = new() { ["cpu"] = "2", ["memory"] = "4Gi", ["pods"] = "110" },
            Conditions = [new NodeCondition { Type = NodeConditions.Ready, Status = ConditionStatuses.True, LastHeartbeatTime = DateTimeOffset.UtcNow }],
            Addresses = [new NodeAddress { Type = "InternalIP", Address = "127.0.0.1" }],
        },
    };

    private async Task<Node> RegisterAsync(string name)
    {
        var (code, node, response) = await api.Client.SendAsync<Node>(HttpMethod.Post, Nodes, NewNode(name));
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return node!;
    }

    private Task<(HttpStatusCode Code, JsonObject? Body, HttpResponseMessage Response)> BindAsync(string pod, string node) =>
        api.Client.SendAsync<JsonObject>(HttpMethod.Post, $"{ObjectClient.PodsPath()}/{pod}/binding",
            new Binding { Metadata = new ObjectMeta { Name = pod }, Target = new ObjectReference { Kind = "Node", Name = node } });

    [Fact]
    public async Task A_registered_node_keeps_its_status_and_gets_the_hostname_label()
    {
        var node = await RegisterAsync("node-a");

        Assert.Equal("node-a", node.Metadata.Labels![WellKnownLabels.Hostname]);
        Assert.Equal("2", node.Status!.Allocatable!["cpu"]);
        Assert.Null(node.Metadata.Namespace);
    }

    [Fact]
    public async Task Cordoning_and_tainting_a_node_are_spec_changes()
    {
        var node = await RegisterAsync("node-cordon");

        var (code, patched, _) = await api.Client.SendAsync<Node>(HttpMethod.Patch, $"{Nodes}/node-cordon",
            new { spec = new { unschedulable = true, taints = new[] { new { key = "dedicated", value = "db", effect = "NoSchedule" } } } },
            "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.True(patched!.Spec.Unschedulable);
        Assert.Equal("dedicated", Assert.Single(patched.Spec.Taints!).Key);
        Assert.True(long.Parse(patched.Metadata.ResourceVersion!) > long.Parse(node.Metadata.ResourceVersion!));
    }

    [Fact]
    public async Task A_taint_with_an_unknown_effect_is_invalid()
    {
        await RegisterAsync("node-badtaint");

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Nodes}/node-badtaint",
            new { spec = new { taints = new[] { new { key = "k", effect = "Sometimes" } } } }, "application/merge-patch+json");

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Contains(status!.Details!.Causes!, c => c.Field == "spec.taints[0].effect");
    }

    [Fact]
    public async Task A_status_update_that_only_moves_heartbeat_times_appends_no_event()
    {
        var node = await RegisterAsync("node-heartbeat");
        var before = await api.EventCountAsync();
        var later = node with
        {
            Status = node.Status! with { Conditions = [node.Status.Conditions![0] with { LastHeartbeatTime = DateTimeOffset.UtcNow.AddMinutes(1) }] },
        };

        var (code, _, _) = await api.Client.SendAsync<Node>(HttpMethod.Put, $"{Nodes}/node-heartbeat/status", later);

        Assert.Equal(HttpStatusCode.OK, code);
        await using (var session = api.Store.QuerySession())
        {
            var events = await Marten.QueryableExtensions.ToListAsync(session.Events.QueryAllRawEvents().Where(e => e.EventTypeName != "tombstone"));
            Assert.True(before == events.Count, string.Join("\n", events.Select(e => $"{e.Sequence} {e.EventTypeName} {System.Text.Json.JsonSerializer.Serialize(e.Data)}")));
        }
    }

    [Fact]
    public async Task Binding_a_pod_sets_its_node_and_the_scheduled_condition()
    {
        await RegisterAsync("node-bind");
        await api.Client.CreatePodAsync(ObjectClient.NewPod("to-bind"));

        var (code, _, _) = await BindAsync("to-bind", "node-bind");

        Assert.Equal(HttpStatusCode.Created, code);
        var (_, pod, _) = await api.Client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath()}/to-bind");
        Assert.Equal("node-bind", pod!.Spec.NodeName);
        Assert.Equal(ConditionStatuses.True, pod.Status.Condition(PodConditions.PodScheduled)!.Status);
    }

    [Fact]
    public async Task Binding_an_already_bound_pod_is_a_conflict_and_appends_nothing()
    {
        await RegisterAsync("node-first");
        await RegisterAsync("node-second");
        await api.Client.CreatePodAsync(ObjectClient.NewPod("bound-once"));
        await BindAsync("bound-once", "node-first");
        var before = await api.EventCountAsync();

        var (code, status, _) = await BindAsync("bound-once", "node-second");

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Contains("is already assigned to node \"node-first\"", (string?)status!["message"]);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task Of_concurrent_bindings_of_one_pod_exactly_one_wins()
    {
        foreach (var n in new[] { "race-1", "race-2", "race-3" }) await RegisterAsync(n);
        await api.Client.CreatePodAsync(ObjectClient.NewPod("contested"));

        var results = await Task.WhenAll(new[] { "race-1", "race-2", "race-3" }.Select(n => BindAsync("contested", n)));

        Assert.Single(results, r => r.Code == HttpStatusCode.Created);
        Assert.Equal(2, results.Count(r => r.Code == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Binding_to_a_missing_node_is_not_found()
    {
        await api.Client.CreatePodAsync(ObjectClient.NewPod("nowhere-to-go"));

        var (code, _, _) = await BindAsync("nowhere-to-go", "ghost");

        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task Deleting_a_bound_pod_starts_graceful_termination_and_a_zero_grace_delete_removes_it()
    {
        await RegisterAsync("node-graceful");
        await api.Client.CreatePodAsync(ObjectClient.NewPod("graceful"));
        await BindAsync("graceful", "node-graceful");

        var (code, terminating, _) = await api.Client.SendAsync<Pod>(HttpMethod.Delete, $"{ObjectClient.PodsPath()}/graceful");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.NotNull(terminating!.Metadata.DeletionTimestamp);
        Assert.Equal(30, terminating.Metadata.DeletionGracePeriodSeconds);
        var (stillThere, _, _) = await api.Client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath()}/graceful");
        Assert.Equal(HttpStatusCode.OK, stillThere);

        var (again, _, _) = await api.Client.SendAsync<Pod>(HttpMethod.Delete, $"{ObjectClient.PodsPath()}/graceful", new { gracePeriodSeconds = 0 });
        Assert.Equal(HttpStatusCode.OK, again);
        var (gone, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, $"{ObjectClient.PodsPath()}/graceful");
        Assert.Equal(HttpStatusCode.NotFound, gone);
    }

    [Fact]
    public async Task A_terminating_pod_cannot_be_bound()
    {
        await RegisterAsync("node-late");
        await api.Client.CreatePodAsync(ObjectClient.NewPod("late-bind"));
        await BindAsync("late-bind", "node-late");
        await api.Client.SendAsync<Pod>(HttpMethod.Delete, $"{ObjectClient.PodsPath()}/late-bind");

        var (code, _, _) = await BindAsync("late-bind", "node-late");

        Assert.Equal(HttpStatusCode.Conflict, code);
    }
}
