using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.EndToEnd;

/// <summary>Components killed with SIGKILL while the cluster runs workloads (./eo test starts two node agents and
/// two Controllers processes): a dead agent's replicas run again on the surviving node, and the agent, restarted,
/// removes its stale containers; a dead active Controllers process is replaced by the standby, which goes on
/// reconciling. Each test restarts what it killed with ./eo up.</summary>
[Collection(Disruptive.Name)]
public sealed class FailoverRunTests : IDisposable
{
    private readonly HttpClient _client = Cluster.AdminClient();
    private string _namespace = "";

    [Fact]
    public async Task A_killed_agents_replicas_run_on_the_surviving_node_and_its_stale_containers_go_when_it_returns()
    {
        _namespace = await _client.NewNamespaceAsync();
        var path = $"/apis/apps/v1/namespaces/{_namespace}/deployments";
        await _client.SendAsync<Deployment>(HttpMethod.Post, path, new Deployment
        {
            Metadata = new ObjectMeta { Name = "spread" },
            Spec = new DeploymentSpec { Replicas = 4, Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "spread" } }, Template = Cluster.WebTemplate("spread") },
        });
        // Replicas of one owner spread over the nodes.
        var before = await _client.ReadyPodsAsync(_namespace, p => p.Count == 4 && p.Any(x => x.Spec.NodeName == "node-2"), "4 ready replicas, some on node-2");
        var stale = before.Where(p => p.Spec.NodeName == "node-2").Select(p => p.Metadata.Uid!).ToList();

        Cluster.Kill(Cluster.Pid("node-agent-node-2"));

        await _client.ReadyPodsAsync(_namespace, p => p.Count == 4 && p.All(x => x.Spec.NodeName == "node-1"), "4 ready replicas, all on node-1", 60);
        // The killed agent's containers outlive it until it comes back.
        Assert.NotEmpty(Containers(stale));

        Cluster.EoUp();
        await Eventually.WaitFor(() => Task.FromResult(Containers(stale)), ids => ids.Count == 0, "node-2's stale containers removed", TimeSpan.FromSeconds(60));
        // And node-2 is Ready and schedulable again.
        await Eventually.WaitFor(async () => (await _client.SendAsync<Node>(HttpMethod.Get, "/api/v1/nodes/node-2")).Body!,
            n => n.IsReady() && n.Spec.Taints?.Any(t => t.Key == "node.kubernetes.io/unreachable") != true,
            "node-2 Ready and untainted again", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task When_the_active_controllers_process_is_killed_the_standby_keeps_reconciling()
    {
        _namespace = await _client.NewNamespaceAsync();
        var holder = await HolderAsync();
        var pid = int.Parse(holder.Split('_')[^2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(pid, new[] { Cluster.Pid("controllers"), Cluster.Pid("controllers-2") });

        Cluster.Kill(pid);
        await _client.SendAsync<ReplicaSet>(HttpMethod.Post, $"/apis/apps/v1/namespaces/{_namespace}/replicasets", new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = "after" },
            Spec = new ReplicaSetSpec { Replicas = 2, Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "after" } }, Template = Cluster.WebTemplate("after") },
        });

        await _client.ReadyPodsAsync(_namespace, p => p.Count == 2, "2 ready replicas made by the standby", 60);
        Assert.NotEqual(holder, await HolderAsync());
        Cluster.EoUp();
    }

    private async Task<string> HolderAsync() =>
        (await _client.SendAsync<Lease>(HttpMethod.Get, "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/eventorch-controllers")).Body!.Spec!.HolderIdentity!;

    private static List<string> Containers(IEnumerable<string> podUids) =>
        podUids.SelectMany(uid => Cluster.Docker($"ps -aq --filter label=io.eventorch.pod.uid={uid}").Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();

    public void Dispose()
    {
        if (_namespace.Length > 0) _client.DeleteAsync($"/api/v1/namespaces/{_namespace}").GetAwaiter().GetResult();
        _client.Dispose();
    }
}
