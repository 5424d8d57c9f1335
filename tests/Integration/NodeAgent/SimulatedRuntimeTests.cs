using EventOrch.NodeAgent.Runtime;
using Microsoft.Extensions.Options;

namespace EventOrch.Tests.Integration.NodeAgent;

public sealed class SimulatedRuntimeTests
{
    private readonly ManualTimeProvider clock = new();
    private readonly SimulatedRuntime runtime;

    public SimulatedRuntimeTests() =>
        runtime = new SimulatedRuntime(Options.Create(new SimulatedRuntimeOptions { StartDelay = TimeSpan.FromSeconds(1) }), clock);

    [Fact]
    public async Task A_started_container_is_running_only_after_the_start_delay()
    {
        var sandbox = await runtime.RunSandboxAsync(Sandbox("node-a", "pod"), CancellationToken.None);
        var id = await runtime.CreateContainerAsync(Container("node-a", "pod", sandbox, "main"), CancellationToken.None);
        Assert.Equal(ContainerRunState.Created, (await Inspect(id)).State);

        var startedAt = clock.GetUtcNow();
        await runtime.StartAsync(id, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(ContainerRunState.Created, (await Inspect(id)).State);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        var running = await Inspect(id);
        Assert.Equal(ContainerRunState.Running, running.State);
        Assert.Equal(startedAt.AddSeconds(1), running.StartedAt);
    }

    [Fact]
    public async Task Stopping_exits_with_code_0_and_then_the_container_can_be_removed()
    {
        var sandbox = await runtime.RunSandboxAsync(Sandbox("node-a", "pod"), CancellationToken.None);
        var id = await runtime.CreateContainerAsync(Container("node-a", "pod", sandbox, "main"), CancellationToken.None);
        await runtime.StartAsync(id, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<InvalidOperationException>(() => runtime.RemoveAsync(id, CancellationToken.None));

        await runtime.StopAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None);
        var stopped = await Inspect(id);
        await runtime.RemoveAsync(id, CancellationToken.None);

        Assert.Equal(new ContainerState(ContainerRunState.Exited, 0, stopped.StartedAt, clock.GetUtcNow(), null, false, stopped.ImageId), stopped);
        Assert.Null(await runtime.InspectAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task One_runtime_serves_many_nodes_and_each_lists_only_its_own()
    {
        var a = await runtime.RunSandboxAsync(Sandbox("node-a", "pod-1"), CancellationToken.None);
        var aMain = await runtime.CreateContainerAsync(Container("node-a", "pod-1", a, "main"), CancellationToken.None);
        var b = await runtime.RunSandboxAsync(Sandbox("node-b", "pod-2"), CancellationToken.None);

        var onA = await runtime.ListAsync("node-a", CancellationToken.None);
        var onB = await runtime.ListAsync("node-b", CancellationToken.None);

        Assert.Equal(new[] { a, aMain }.Order(), onA.Select(c => c.Id).Order());
        Assert.Equal([b], onB.Select(c => c.Id));
        Assert.Equal(RuntimeLabels.SandboxRole, onB[0].Labels[RuntimeLabels.Role]);
        Assert.Empty(await runtime.ListAsync("node-c", CancellationToken.None));
    }

    [Fact]
    public async Task Images_exec_and_logs_are_simulated()
    {
        var sandbox = await runtime.RunSandboxAsync(Sandbox("node-a", "pod"), CancellationToken.None);
        var id = await runtime.CreateContainerAsync(Container("node-a", "pod", sandbox, "main"), CancellationToken.None);
        await runtime.StartAsync(id, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(ImageResult.Ok, await runtime.EnsureImageAsync("any/image:1", PullPolicies.Always, CancellationToken.None));
        Assert.Equal(new ExecResult(0, "", false), await runtime.ExecAsync(id, ["true"], TimeSpan.FromSeconds(1), CancellationToken.None));
        await using var log = await runtime.LogsAsync(id, new LogOptions(Follow: true), CancellationToken.None);
        Assert.Equal("simulated container pod_main\n", await new StreamReader(log).ReadToEndAsync());
    }

    [Fact]
    public async Task Concurrent_pods_on_many_nodes_are_all_recorded()
    {
        await Parallel.ForAsync(0, 200, async (i, ct) =>
        {
            var node = $"node-{i % 10}";
            var sandbox = await runtime.RunSandboxAsync(Sandbox(node, $"pod-{i}"), ct);
            var id = await runtime.CreateContainerAsync(Container(node, $"pod-{i}", sandbox, "main"), ct);
            await runtime.StartAsync(id, ct);
        });
        clock.Advance(TimeSpan.FromSeconds(1));

        for (var n = 0; n < 10; n++)
        {
            var listed = await runtime.ListAsync($"node-{n}", CancellationToken.None);
            Assert.Equal(40, listed.Count);
            Assert.All(listed, c => Assert.Equal(ContainerRunState.Running, c.State.State));
        }
    }

    private Task<ContainerState> Inspect(string id) => runtime.InspectAsync(id, CancellationToken.None)!;

    private static Dictionary<string, string> Labels(string node, string pod) => new()
    {
        [RuntimeLabels.Node] = node,
        [RuntimeLabels.PodName] = pod,
        [RuntimeLabels.PodUid] = $"uid-{pod}",
    };

    private static SandboxSpec Sandbox(string node, string pod) => new(pod, pod, "sim/pause:1", Labels(node, pod), []);

    private static ContainerSpec Container(string node, string pod, string sandboxId, string name) =>
        new($"{pod}_{name}", sandboxId, "sim/app:1", ["app"], null, new Dictionary<string, string>(), null, [], null, null, Labels(node, pod));
}
