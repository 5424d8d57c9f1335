using EventOrch.Controllers;
using EventOrch.NodeAgent;
using EventOrch.Scheduler;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Controllers;

/// <summary>A real Api, scheduler and Controllers host, and one simulated node whose pods turn Ready a moment after
/// they start: enough for the workload and networking controllers to run end to end without Docker.</summary>
public sealed class SimulatedClusterFixture : ApiServer
{
    public string Node { get; } = $"d{Guid.NewGuid():N}"[..8];
    public ComponentHarness Scheduler { get; private set; } = null!;
    public ComponentHarness Controllers { get; private set; } = null!;
    public ComponentHarness Agent { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Scheduler = await ComponentHarness.StartAsync(this, "scheduler", b => b.AddSchedulerServices());
        Controllers = await ComponentHarness.StartAsync(this, "controllers", b => b.AddControllersServices());
        Agent = await ComponentHarness.StartAsync(this, "agent", b => b.AddNodeAgentServices(), new Dictionary<string, string?>
        {
            ["Node:Name"] = Node,
            ["Node:Simulated"] = "true",
            ["Node:HeartbeatPeriod"] = "00:00:01",
            ["Node:LeaseDuration"] = "00:00:05",
            ["SimulatedRuntime:StartDelay"] = "00:00:00.300",
            ["Pods:ResyncPeriod"] = "00:00:01",
        });
    }

    public override async Task DisposeAsync()
    {
        await Agent.DisposeAsync();
        await Controllers.DisposeAsync();
        await Scheduler.DisposeAsync();
        await base.DisposeAsync();
    }
}
