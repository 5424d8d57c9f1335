using EventOrch.NodeAgent.Runtime;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.NodeAgent;

public sealed class DockerExecAndLogsTests : IAsyncLifetime
{
    private readonly DockerTestNode node = new(nameof(DockerExecAndLogsTests));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task Exec_returns_the_exit_code_and_both_output_streams()
    {
        var id = await RunningShellAsync("exec", "exec sleep 3600");

        var result = await node.Runtime.ExecAsync(id, ["sh", "-c", "echo to-out; echo to-err >&2; exit 4"], TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(4, result.ExitCode);
        Assert.False(result.TimedOut);
        Assert.Contains("to-out\n", result.Output);
        Assert.Contains("to-err\n", result.Output);
    }

    [Fact]
    public async Task Exec_that_outlives_its_timeout_is_reported_timed_out()
    {
        var id = await RunningShellAsync("slow", "exec sleep 3600");

        var result = await node.Runtime.ExecAsync(id, ["sh", "-c", "echo started; exec sleep 60"], TimeSpan.FromMilliseconds(500), CancellationToken.None);

        Assert.True(result.TimedOut);
        Assert.Equal("started\n", result.Output);
    }

    [Fact]
    public async Task Exec_in_a_stopped_container_fails_as_a_value()
    {
        var id = await ExitedShellAsync("stopped", "exit 0");

        var result = await node.Runtime.ExecAsync(id, ["true"], TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(-1, result.ExitCode);
        Assert.Contains("not running", result.Output);
    }

    [Fact]
    public async Task Logs_hold_both_stdout_and_stderr()
    {
        var id = await ExitedShellAsync("logs", "echo line-1; echo line-2 >&2; echo line-3");

        var all = await ReadLogAsync(id, new LogOptions());

        // The engine copies stdout and stderr separately, so lines of different streams may be logged out of order.
        Assert.Equal(["line-1", "line-2", "line-3"], all.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public async Task Tail_keeps_the_last_lines_and_timestamps_prefix_them()
    {
        var id = await ExitedShellAsync("tail", "echo line-1; echo line-2; echo line-3");

        Assert.Equal("line-2\nline-3\n", await ReadLogAsync(id, new LogOptions(TailLines: 2)));
        Assert.Equal("", await ReadLogAsync(id, new LogOptions(TailLines: 0)));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\S+ line-3\n$", await ReadLogAsync(id, new LogOptions(TailLines: 1, Timestamps: true)));
    }

    [Fact]
    public async Task Logs_since_a_time_after_the_output_are_empty()
    {
        var id = await ExitedShellAsync("since", "echo early");
        var finished = (await node.Runtime.InspectAsync(id, CancellationToken.None))!.FinishedAt!.Value;

        Assert.Equal("early\n", await ReadLogAsync(id, new LogOptions(Since: finished.AddMinutes(-5))));
        Assert.Equal("", await ReadLogAsync(id, new LogOptions(Since: finished.AddMinutes(5))));
    }

    [Fact]
    public async Task A_followed_log_streams_lines_as_they_come_and_ends_with_the_container()
    {
        // The container waits for a file the test creates, so the first line is read before the last is written.
        var shared = node.TemporaryDirectory();
        var sandbox = await node.RunSandboxAsync("follow");
        var id = await node.RunShellAsync("follow", sandbox, "main",
            "echo first; while [ ! -e /shared/go ]; do sleep 0.1; done; echo second", [new(shared, "/shared", ReadOnly: false)]);
        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);

        await using var log = await node.Runtime.LogsAsync(id, new LogOptions(Follow: true), deadline.Token);
        using var reader = new StreamReader(log);
        Assert.Equal("first", await reader.ReadLineAsync(deadline.Token));
        await File.WriteAllTextAsync(Path.Combine(shared, "go"), "");
        Assert.Equal("second", await reader.ReadLineAsync(deadline.Token));
        Assert.Null(await reader.ReadLineAsync(deadline.Token));
    }

    private async Task<string> RunningShellAsync(string pod, string script)
    {
        var sandbox = await node.RunSandboxAsync(pod);
        var id = await node.RunShellAsync(pod, sandbox, "main", script);
        await node.WaitForStateAsync(id, ContainerRunState.Running);
        return id;
    }

    private async Task<string> ExitedShellAsync(string pod, string script)
    {
        var sandbox = await node.RunSandboxAsync(pod);
        var id = await node.RunShellAsync(pod, sandbox, "main", script);
        await node.WaitForStateAsync(id, ContainerRunState.Exited);
        return id;
    }

    private async Task<string> ReadLogAsync(string containerId, LogOptions options)
    {
        await using var log = await node.Runtime.LogsAsync(containerId, options, CancellationToken.None);
        return await new StreamReader(log).ReadToEndAsync();
    }
}
