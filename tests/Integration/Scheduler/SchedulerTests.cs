using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Scheduler;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Scheduler;

/// <summary>The real scheduler host against a real Api; nodes are registered directly (no agents needed to place pods).</summary>
public sealed class SchedulerTests : IAsyncLifetime
{
    private readonly ApiServer _api = new();
    private ComponentHarness? _scheduler;
    private HttpClient Client => _api.Client;

    public async Task InitializeAsync()
    {
        await _api.InitializeAsync();
        _scheduler = await StartSchedulerAsync("scheduler-a");
    }

    public async Task DisposeAsync()
    {
        if (_scheduler is not null) await _scheduler.DisposeAsync();
        await _api.DisposeAsync();
    }

    private Task<ComponentHarness> StartSchedulerAsync(string identity) =>
        ComponentHarness.StartAsync(_api, "scheduler", b => b.AddSchedulerServices(), new Dictionary<string, string?>
        {
            ["LeaderElection:Identity"] = identity,
            ["LeaderElection:LeaseDuration"] = "00:00:03",
            ["LeaderElection:RetryPeriod"] = "00:00:00.500",
        });

    private static Pod PodRequesting(string name, string cpu, Action<PodSpec>? shape = null)
    {
        var pod = ObjectClient.NewPod(name);
        var spec = pod.Spec with { Containers = [pod.Spec.Containers[0] with { Resources = new ResourceRequirements { Requests = new() { ["cpu"] = cpu } } }] };
        return pod with { Spec = spec };
    }

    private async Task<Pod> WaitForPodAsync(string name, Func<Pod, bool> done, string what) =>
        await Eventually.WaitFor(async () => (await Client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath()}/{name}")).Body!, done, what);

    [Fact]
    public async Task A_pending_pod_is_bound_to_a_ready_node()
    {
        await Client.RegisterAsync(TestNodes.New("n1"));

        await Client.CreatePodAsync(PodRequesting("placed", "100m"));

        var pod = await WaitForPodAsync("placed", p => p.Spec.NodeName is not null, "the pod to be bound");
        Assert.Equal("n1", pod.Spec.NodeName);
        Assert.Equal(ConditionStatuses.True, pod.Status.Condition(PodConditions.PodScheduled)!.Status);

        // The binding names the pod's creation as its cause.
        await using var session = _api.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(Guid.Parse(pod.Metadata.Uid!));
        Assert.Equal(events[0].Id.ToString(), events.Single(e => e.Data is EventOrch.Contracts.Events.PodBound).CausationId);
    }

    [Fact]
    public async Task A_pod_that_fits_nowhere_says_why_and_is_placed_when_a_node_that_fits_joins()
    {
        await Client.RegisterAsync(TestNodes.New("small-1", cpu: "1"));
        await Client.RegisterAsync(TestNodes.New("small-2", cpu: "1"));

        await Client.CreatePodAsync(PodRequesting("big", "3"));

        var waiting = await WaitForPodAsync("big", p => p.Status.Condition(PodConditions.PodScheduled)?.Status == ConditionStatuses.False, "PodScheduled=False");
        var condition = waiting.Status.Condition(PodConditions.PodScheduled)!;
        Assert.Equal(PodConditions.Unschedulable, condition.Reason);
        Assert.Equal("0/2 nodes are available: 2 Insufficient cpu.", condition.Message);

        await Client.RegisterAsync(TestNodes.New("large", cpu: "4"));

        var placed = await WaitForPodAsync("big", p => p.Spec.NodeName is not null, "the pod to be placed on the new node");
        Assert.Equal("large", placed.Spec.NodeName);
    }

    [Fact]
    public async Task Node_selectors_taints_and_cordons_are_honoured()
    {
        await Client.RegisterAsync(TestNodes.New("plain"));
        await Client.RegisterAsync(TestNodes.New("ssd", labels: new() { ["disk"] = "ssd" }));
        var tainted = TestNodes.New("tainted");
        await Client.RegisterAsync(tainted with { Spec = new NodeSpec { Taints = [new Taint { Key = "dedicated", Value = "db", Effect = TaintEffects.NoSchedule }] } });
        var cordoned = TestNodes.New("cordoned", labels: new() { ["disk"] = "ssd" });
        await Client.RegisterAsync(cordoned with { Spec = new NodeSpec { Unschedulable = true } });

        var wantsSsd = ObjectClient.NewPod("wants-ssd");
        await Client.CreatePodAsync(wantsSsd with { Spec = wantsSsd.Spec with { NodeSelector = new() { ["disk"] = "ssd" } } });
        var tolerates = ObjectClient.NewPod("tolerates");
        await Client.CreatePodAsync(tolerates with
        {
            Spec = tolerates.Spec with
            {
                NodeSelector = new() { [WellKnownLabels.Hostname] = "tainted" },
                Tolerations = [new Toleration { Key = "dedicated", Operator = "Equal", Value = "db", Effect = TaintEffects.NoSchedule }],
            },
        });
        var intolerant = ObjectClient.NewPod("intolerant");
        await Client.CreatePodAsync(intolerant with { Spec = intolerant.Spec with { NodeSelector = new() { [WellKnownLabels.Hostname] = "tainted" } } });

        Assert.Equal("ssd", (await WaitForPodAsync("wants-ssd", p => p.Spec.NodeName is not null, "wants-ssd bound")).Spec.NodeName);
        Assert.Equal("tainted", (await WaitForPodAsync("tolerates", p => p.Spec.NodeName is not null, "tolerates bound")).Spec.NodeName);
        var refused = await WaitForPodAsync("intolerant", p => p.Status.Condition(PodConditions.PodScheduled)?.Status == ConditionStatuses.False, "intolerant refused");
        Assert.Contains("untolerated taint", refused.Status.Condition(PodConditions.PodScheduled)!.Message);
    }

    [Fact]
    public async Task Two_schedulers_never_bind_a_pod_twice_and_the_standby_takes_over()
    {
        await using var standby = await StartSchedulerAsync("scheduler-b");
        for (var i = 0; i < 3; i++) await Client.RegisterAsync(TestNodes.New($"ha-{i}"));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Client.CreatePodAsync(PodRequesting($"ha-pod-{i}", "10m"))));
        await Eventually.WaitFor(async () => (await Client.ListPodsAsync()).Items.Where(p => p.Metadata.Name!.StartsWith("ha-pod-")).ToList(),
            pods => pods.All(p => p.Spec.NodeName is not null), "twenty pods bound");
        var bindings = await BindingEventsAsync();
        Assert.Equal(bindings.Count, bindings.Distinct().Count());

        // The leader stops: the standby must take over and place new pods within seconds.
        await _scheduler!.DisposeAsync();
        _scheduler = null;
        await Client.CreatePodAsync(PodRequesting("after-failover", "10m"));
        await WaitForPodAsync("after-failover", p => p.Spec.NodeName is not null, "the standby to bind a pod");
    }

    private async Task<List<string>> BindingEventsAsync()
    {
        await using var session = _api.Store.QuerySession();
        var events = await Marten.QueryableExtensions.ToListAsync(session.Events.QueryAllRawEvents().Where(e => e.EventTypeName == "pod_bound"));
        return events.Select(e => ((EventOrch.Contracts.Events.PodBound)e.Data).Uid).ToList();
    }
}
