using EventOrch.Contracts.Model;
using EventOrch.NodeAgent;
using EventOrch.Scheduler;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.NodeAgent;

/// <summary>A small real cluster in-process: the Api, the scheduler and a node agent on the real Docker Engine
/// (or hollow nodes), each on its own queue in the test's virtual host.</summary>
public class ClusterFixture : ApiServer
{
    public string NodeName { get; } = $"t{Guid.NewGuid():N}"[..10];
    public string DataRoot { get; } = Path.Combine(Path.GetTempPath(), $"eo-test-pods-{Guid.NewGuid():N}");
    public ComponentHarness Scheduler { get; private set; } = null!;
    public ComponentHarness Agent { get; private set; } = null!;

    protected virtual Dictionary<string, string?> AgentSettings => new();
    protected virtual Dictionary<string, string?> SchedulerSettings => new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Scheduler = await ComponentHarness.StartAsync(this, "scheduler", b => b.AddSchedulerServices(), SchedulerSettings);
        Agent = await StartAgentAsync();
    }

    public Task<ComponentHarness> StartAgentAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Node:Name"] = NodeName,
            ["Node:HeartbeatPeriod"] = "00:00:02",
            ["Pods:DataRoot"] = DataRoot,
            ["Pods:RestartBackoff"] = "00:00:01",
            ["Pods:ResyncPeriod"] = "00:00:01",
            ["Docker:PullImages"] = "false",
        };
        foreach (var (key, value) in AgentSettings) settings[key] = value;
        return ComponentHarness.StartAsync(this, "node-agent", b => b.AddNodeAgentServices(), settings);
    }

    /// <summary>Stops the agent (as a crash would: its containers keep running) and starts a new one for the same node.</summary>
    public async Task RestartAgentAsync()
    {
        await Agent.DisposeAsync();
        Agent = await StartAgentAsync();
    }

    public async Task<Pod> WaitForPodAsync(string name, Func<Pod, bool> done, string what, TimeSpan? timeout = null) =>
        await Eventually.WaitFor(async () => (await Client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath()}/{name}")).Body!,
            p => p is not null && done(p), what, timeout ?? TimeSpan.FromSeconds(60));

    public override async Task DisposeAsync()
    {
        // Pods first, so the agent removes their containers while it still runs.
        foreach (var pod in (await Client.ListPodsAsync(null)).Items)
            await Client.SendAsync<Pod>(HttpMethod.Delete, $"{ObjectClient.PodsPath(pod.Metadata.Namespace!)}/{pod.Metadata.Name}?gracePeriodSeconds=0");
        await Eventually.WaitFor(async () => await DockerContainersAsync(), n => n == 0, "the agent to remove every container", TimeSpan.FromSeconds(30))
            .ContinueWith(_ => { });
        await Agent.DisposeAsync();
        await Scheduler.DisposeAsync();
        if (Directory.Exists(DataRoot)) Directory.Delete(DataRoot, recursive: true);
        await base.DisposeAsync();
    }

    /// <summary>How many containers the engine holds for this fixture's node.</summary>
    public async Task<int> DockerContainersAsync()
    {
        if (AgentSettings.GetValueOrDefault("Node:Simulated") == "true") return 0;
        using var runtime = NewDockerRuntime();
        return (await runtime.ListAsync(NodeName, CancellationToken.None)).Count;
    }

    /// <summary>A Docker runtime of the test's own, to look at the containers the agent made.</summary>
    public static EventOrch.NodeAgent.Runtime.DockerRuntime NewDockerRuntime() => new(
        Microsoft.Extensions.Options.Options.Create(new EventOrch.NodeAgent.Runtime.DockerRuntimeOptions { PullImages = false }),
        Microsoft.Extensions.Logging.Abstractions.NullLogger<EventOrch.NodeAgent.Runtime.DockerRuntime>.Instance);
}
