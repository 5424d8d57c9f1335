using EventOrch.Contracts.Model;
using EventOrch.Controllers;
using EventOrch.Controllers.Nodes;
using EventOrch.NodeAgent;
using EventOrch.Scheduler;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Controllers;

/// <summary>A node that stops renewing its lease: it is marked unreachable, its pods are deleted and their
/// ReplicaSet replaces them on the surviving node; when its agent returns, the taint goes. Two hollow nodes, each
/// in its own agent host, with the real Api, scheduler and Controllers host.</summary>
public sealed class NodeFailoverTests(NodeFailoverTests.Fixture cluster) : IClassFixture<NodeFailoverTests.Fixture>
{
    public sealed class Fixture : ApiServer
    {
        public string Prefix { get; } = $"f{Guid.NewGuid():N}"[..8];
        public ComponentHarness Scheduler { get; private set; } = null!;
        public ComponentHarness Controllers { get; private set; } = null!;
        public ComponentHarness Survivor { get; private set; } = null!;
        public ComponentHarness? Victim { get; set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Scheduler = await ComponentHarness.StartAsync(this, "scheduler", b => b.AddSchedulerServices());
            Controllers = await ComponentHarness.StartAsync(this, "controllers", b => b.AddControllersServices());
            Survivor = await StartAgentAsync("survivor");
            Victim = await StartAgentAsync("victim");
        }

        public Task<ComponentHarness> StartAgentAsync(string node) => ComponentHarness.StartAsync(this, $"agent-{node}", b => b.AddNodeAgentServices(),
            new Dictionary<string, string?>
            {
                ["Node:Name"] = $"{Prefix}-{node}",
                ["Node:Simulated"] = "true",
                ["Node:HeartbeatPeriod"] = "00:00:01",
                ["Node:LeaseDuration"] = "00:00:05",
                ["SimulatedRuntime:StartDelay"] = "00:00:00.100",
                ["Pods:ResyncPeriod"] = "00:00:01",
            });

        public override async Task DisposeAsync()
        {
            if (Victim is not null) await Victim.DisposeAsync();
            await Survivor.DisposeAsync();
            await Controllers.DisposeAsync();
            await Scheduler.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    private Task<Node> NodeAsync(string node, Func<Node, bool> done, string what) =>
        // Listed rather than fetched: before the agent registers it, the node is a 404.
        Eventually.WaitFor(async () => (await cluster.Client.SendAsync<ObjectList<Node>>(HttpMethod.Get, "/api/v1/nodes")).Body!.Items
                .FirstOrDefault(n => n.Metadata.Name == $"{cluster.Prefix}-{node}")!,
            n => n is not null && done(n), what, TimeSpan.FromSeconds(30));

    private static string? Ready(Node node) => node.Status?.Conditions?.FirstOrDefault(c => c.Type == NodeConditions.Ready)?.Status;

    private static bool Unreachable(Node node) => node.Spec.Taints?.Any(t => t.Key == NodeLifecycleController.UnreachableTaintKey) == true;

    [Fact]
    public async Task Pods_of_a_silent_node_are_replaced_on_the_other_and_the_node_recovers_when_its_agent_returns()
    {
        await NodeAsync("victim", n => Ready(n) == ConditionStatuses.True, "victim registered");
        await NodeAsync("survivor", n => Ready(n) == ConditionStatuses.True, "survivor registered");
        await cluster.Client.SendAsync<ReplicaSet>(HttpMethod.Post, "/apis/apps/v1/namespaces/default/replicasets", new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = "spread" },
            Spec = new ReplicaSetSpec
            {
                Replicas = 4,
                Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "spread" } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = "spread" } },
                    Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest" }] },
                },
            },
        });
        async Task<List<Pod>> Running() => (await cluster.Client.ListPodsAsync("default", "?labelSelector=app%3Dspread")).Items
            .Where(p => p.Status?.Phase == PodPhases.Running && p.Metadata.DeletionTimestamp is null).ToList();
        var before = await Eventually.WaitFor(Running, pods => pods.Count == 4, "4 replicas Running", TimeSpan.FromSeconds(30));
        Assert.Contains(before, p => p.Spec.NodeName == $"{cluster.Prefix}-victim");

        // Two bare pods on the victim that tolerate its going unreachable: one for ever, one for 3 seconds.
        foreach (var (name, seconds) in new[] { ("patient", (long?)null), ("brief", 3L) })
        {
            var pod = ObjectClient.NewPod(name);
            await cluster.Client.CreatePodAsync(pod with
            {
                Spec = pod.Spec with
                {
                    NodeSelector = new() { [WellKnownLabels.Hostname] = $"{cluster.Prefix}-victim" },
                    Tolerations = [new Toleration { Key = NodeLifecycleController.UnreachableTaintKey, Operator = "Exists", Effect = TaintEffects.NoExecute, TolerationSeconds = seconds }],
                },
            });
        }
        await Eventually.WaitFor(async () => (await cluster.Client.ListPodsAsync()).Items.Where(p => p.Metadata.Name is "patient" or "brief").ToList(),
            pods => pods.Count == 2 && pods.All(p => p.Status?.Phase == PodPhases.Running), "the tolerating pods Running on the victim");

        await cluster.Victim!.DisposeAsync();
        cluster.Victim = null;

        var after = await Eventually.WaitFor(Running, pods => pods.Count == 4 && pods.All(p => p.Spec.NodeName == $"{cluster.Prefix}-survivor"),
            "4 replicas Running on the survivor", TimeSpan.FromSeconds(30));
        Assert.Equal(4, after.Count);
        var victim = await NodeAsync("victim", n => Ready(n) == ConditionStatuses.Unknown && Unreachable(n), "victim unreachable");
        Assert.Equal("NodeStatusUnknown", victim.Status!.Conditions!.Single(c => c.Type == NodeConditions.Ready).Reason);

        // Each eviction names the node's change that caused it (its taint, or its going Unknown); none when the controller
        // learnt the node's state from a list or a refetch rather than an event (a busy bus can reorder events).
        await using (var session = cluster.Store.QuerySession())
        {
            var nodeEvents = (await session.Events.FetchStreamAsync(Guid.Parse(victim.Metadata.Uid!))).Select(e => e.Id.ToString()).ToHashSet();
            foreach (var evicted in before.Where(p => p.Spec.NodeName == $"{cluster.Prefix}-victim"))
            {
                var deleted = (await session.Events.FetchStreamAsync(Guid.Parse(evicted.Metadata.Uid!)))[^1];
                if (deleted.CausationId is { } causation) Assert.Contains(causation, nodeEvents);
            }
        }

        // The pod tolerating the taint for 3 seconds goes no sooner; the one tolerating it for ever stays.
        await Eventually.WaitFor(async () => (await cluster.Client.ListPodsAsync()).Items.Any(p => p.Metadata.Name == "brief"), present => !present,
            "the briefly tolerating pod evicted", TimeSpan.FromSeconds(30));
        var tainted = victim.Spec.Taints!.Single(t => t.Key == NodeLifecycleController.UnreachableTaintKey).TimeAdded!.Value;
        await using (var session = cluster.Store.QuerySession())
        {
            var evicted = await Marten.QueryableExtensions.ToListAsync(session.Events.QueryAllRawEvents()
                .Where(e => e.EventTypeName == "pod_deleted" && e.Timestamp >= tainted));
            Assert.Contains(evicted, e => ((Contracts.Events.PodDeleted)e.Data).Name == "brief" && e.Timestamp >= tainted.AddSeconds(3));
        }
        Assert.Contains((await cluster.Client.ListPodsAsync()).Items, p => p.Metadata.Name == "patient" && p.Metadata.DeletionTimestamp is null);

        cluster.Victim = await cluster.StartAgentAsync("victim");
        await NodeAsync("victim", n => Ready(n) == ConditionStatuses.True && !Unreachable(n), "victim back, untainted");
    }
}
