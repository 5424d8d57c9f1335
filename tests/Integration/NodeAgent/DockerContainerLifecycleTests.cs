using System.Diagnostics;
using EventOrch.NodeAgent.Runtime;

namespace EventOrch.Tests.Integration.NodeAgent;

public sealed class DockerContainerLifecycleTests : IAsyncLifetime
{
    private readonly DockerTestNode node = new(nameof(DockerContainerLifecycleTests));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task A_container_that_exits_3_is_reported_exited_with_its_code_and_finish_time()
    {
        var sandbox = await node.RunSandboxAsync("exits");
        var id = await node.RunShellAsync("exits", sandbox, "main", "exit 3");

        var state = await node.WaitForStateAsync(id, ContainerRunState.Exited);

        Assert.Equal(3, state.ExitCode);
        Assert.NotNull(state.StartedAt);
        Assert.NotNull(state.FinishedAt);
        Assert.True(state.FinishedAt >= state.StartedAt);
        Assert.False(state.OomKilled);
        Assert.StartsWith("sha256:", state.ImageId);
    }

    [Fact]
    public async Task A_created_container_is_reported_created_without_times()
    {
        var sandbox = await node.RunSandboxAsync("created");
        var id = await node.Runtime.CreateContainerAsync(node.Container("created", sandbox, "main", ["true"]), CancellationToken.None);

        var state = await node.Runtime.InspectAsync(id, CancellationToken.None);

        Assert.Equal(new ContainerState(ContainerRunState.Created, null, null, null, null, false, state!.ImageId), state);
    }

    [Fact]
    public async Task Stopping_a_process_that_ignores_SIGTERM_kills_it_after_the_grace_period()
    {
        var sandbox = await node.RunSandboxAsync("stubborn");
        var id = await node.RunShellAsync("stubborn", sandbox, "main", "trap '' TERM; sleep 1000");
        await node.WaitForStateAsync(id, ContainerRunState.Running);

        var clock = Stopwatch.StartNew();
        await node.Runtime.StopAsync(id, TimeSpan.FromSeconds(1), CancellationToken.None);
        clock.Stop();

        var state = await node.Runtime.InspectAsync(id, CancellationToken.None);
        Assert.Equal(ContainerRunState.Exited, state!.State);
        Assert.Equal(137, state.ExitCode); // 128 + SIGKILL
        // Generous bounds: it waited for the grace period, and far less than Docker's default 10 s.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Stopping_with_no_grace_period_kills_at_once()
    {
        var sandbox = await node.RunSandboxAsync("nograce");
        // A process alone as PID 1 ignores SIGTERM, having no handler for it.
        var id = await node.RunShellAsync("nograce", sandbox, "main", "exec sleep 1000");
        await node.WaitForStateAsync(id, ContainerRunState.Running);

        var clock = Stopwatch.StartNew();
        await node.Runtime.StopAsync(id, TimeSpan.Zero, CancellationToken.None);
        clock.Stop();

        var state = await node.Runtime.InspectAsync(id, CancellationToken.None);
        Assert.Equal(ContainerRunState.Exited, state!.State);
        Assert.Equal(137, state.ExitCode);
        // Docker's default stop timeout is 10 s; a zero grace must not fall back to it.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        await node.Runtime.StopAsync(id, TimeSpan.Zero, CancellationToken.None); // already stopped: no error
    }

    [Fact]
    public async Task The_sandbox_ends_on_SIGTERM_instead_of_waiting_to_be_killed()
    {
        var sandbox = await node.RunSandboxAsync("quick");

        await node.Runtime.StopAsync(sandbox, TimeSpan.FromSeconds(30), CancellationToken.None);

        var state = await node.Runtime.InspectAsync(sandbox, CancellationToken.None);
        Assert.Equal(ContainerRunState.Exited, state!.State);
        Assert.Equal(0, state.ExitCode); // its trap ran; a SIGKILL would show 137
    }

    [Theory]
    [InlineData(new[] { "echo", "from-command" }, null, "from-command\n")] // the image's cmd (/bin/sh) is not appended
    [InlineData(null, new[] { "echo", "from-args" }, "from-args\n")]
    [InlineData(new[] { "echo" }, new[] { "a", "b" }, "a b\n")]
    public async Task Command_replaces_the_entrypoint_and_args_replace_the_cmd(string[]? command, string[]? args, string expected)
    {
        var sandbox = await node.RunSandboxAsync("cmd");
        var id = await node.Runtime.CreateContainerAsync(node.Container("cmd", sandbox, "main", command, args), CancellationToken.None);
        await node.Runtime.StartAsync(id, CancellationToken.None);
        await node.WaitForStateAsync(id, ContainerRunState.Exited);

        await using var log = await node.Runtime.LogsAsync(id, new LogOptions(), CancellationToken.None);

        Assert.Equal(expected, await new StreamReader(log).ReadToEndAsync());
    }

    [Fact]
    public async Task List_returns_exactly_the_containers_labelled_with_the_node()
    {
        await using var otherNode = new DockerTestNode("other");
        await otherNode.RunSandboxAsync("elsewhere");
        var sandbox = await node.RunSandboxAsync("listed");
        var container = await node.Runtime.CreateContainerAsync(node.Container("listed", sandbox, "main", ["true"]), CancellationToken.None);

        var listed = await node.Runtime.ListAsync(node.NodeName, CancellationToken.None);

        Assert.Equal(new[] { container, sandbox }.Order(), listed.Select(c => c.Id).Order());
        var sandboxEntry = listed.Single(c => c.Id == sandbox);
        Assert.Equal(node.ContainerName("listed"), sandboxEntry.Name);
        Assert.Equal(RuntimeLabels.SandboxRole, sandboxEntry.Labels[RuntimeLabels.Role]);
        Assert.Equal(ContainerRunState.Running, sandboxEntry.State.State);
        var containerEntry = listed.Single(c => c.Id == container);
        Assert.Equal("main", containerEntry.Labels[RuntimeLabels.Container]);
        Assert.Equal(RuntimeLabels.ContainerRole, containerEntry.Labels[RuntimeLabels.Role]);
        Assert.Equal(ContainerRunState.Created, containerEntry.State.State);
    }

    [Fact]
    public async Task Running_a_sandbox_again_reuses_the_running_one_and_replaces_a_stopped_one()
    {
        var first = await node.RunSandboxAsync("again");
        Assert.Equal(first, await node.RunSandboxAsync("again"));

        await node.Runtime.StopAsync(first, TimeSpan.FromSeconds(5), CancellationToken.None);
        var second = await node.RunSandboxAsync("again");

        Assert.NotEqual(first, second);
        Assert.Null(await node.Runtime.InspectAsync(first, CancellationToken.None));
        Assert.Equal(ContainerRunState.Running, (await node.Runtime.InspectAsync(second, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task A_running_container_keeps_its_name_and_a_created_one_gives_it_up()
    {
        var sandbox = await node.RunSandboxAsync("names");
        var spec = node.Container("names", sandbox, "main", ["sleep", "1000"]);
        var created = await node.Runtime.CreateContainerAsync(spec, CancellationToken.None);

        var replacement = await node.Runtime.CreateContainerAsync(spec, CancellationToken.None);
        Assert.NotEqual(created, replacement);
        Assert.Null(await node.Runtime.InspectAsync(created, CancellationToken.None));

        await node.Runtime.StartAsync(replacement, CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => node.Runtime.CreateContainerAsync(spec, CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_container_is_no_error_where_the_interface_says_so()
    {
        const string missing = "eventorch-no-such-container";

        Assert.Null(await node.Runtime.InspectAsync(missing, CancellationToken.None));
        await node.Runtime.StopAsync(missing, TimeSpan.FromSeconds(1), CancellationToken.None);
        await node.Runtime.RemoveAsync(missing, CancellationToken.None);
        Assert.Equal(-1, (await node.Runtime.ExecAsync(missing, ["true"], TimeSpan.FromSeconds(5), CancellationToken.None)).ExitCode);
        await Assert.ThrowsAsync<ContainerNotFoundException>(() => node.Runtime.StartAsync(missing, CancellationToken.None));
        await Assert.ThrowsAsync<ContainerNotFoundException>(() => node.Runtime.LogsAsync(missing, new LogOptions(), CancellationToken.None));
    }

    [Fact]
    public async Task The_version_names_docker_and_the_engine_version()
    {
        var version = await node.Runtime.VersionAsync(CancellationToken.None);

        Assert.Equal("docker", version.Name);
        Assert.Matches(@"^\d+\.\d+", version.Version);
    }
}
