using EventOrch.NodeAgent.Runtime;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.NodeAgent;

public sealed class DockerPodNetworkingTests : IAsyncLifetime
{
    private readonly DockerTestNode node = new(nameof(DockerPodNetworkingTests));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task A_port_published_by_the_sandbox_reaches_a_container_of_the_pod()
    {
        var port = DockerTestNode.FreePort();
        var sandbox = await node.RunSandboxAsync("web", ports: new PortMapping(8080, port, "127.0.0.1", "TCP"));
        await node.RunShellAsync("web", sandbox, "httpd", "mkdir -p /www && echo hello-from-pod > /www/index.html && exec httpd -f -p 8080 -h /www");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var body = await Eventually.WaitFor(async () =>
        {
            try
            {
                return await http.GetStringAsync($"http://127.0.0.1:{port}/");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return null; // not listening yet
            }
        }, b => b is not null, "the pod to answer on its published port");

        Assert.Equal("hello-from-pod\n", body);
    }

    [Fact]
    public async Task Containers_of_a_pod_share_localhost_hostname_ipc_and_a_mounted_directory()
    {
        var shared = node.TemporaryDirectory();
        Mount[] mounts = [new(shared, "/shared", ReadOnly: false)];
        var sandbox = await node.RunSandboxAsync("pair", hostname: "pair-host");
        var first = await node.RunShellAsync("pair", sandbox, "first",
            "mkdir -p /www && echo from-first > /www/index.html && echo note-from-first > /shared/note && exec httpd -f -p 8080 -h /www", mounts);
        var second = await node.RunShellAsync("pair", sandbox, "second", "exec sleep 3600", mounts);

        var fetched = await Eventually.WaitFor(() => Exec(second, "wget", "-qO-", "http://127.0.0.1:8080/"), r => r.ExitCode == 0,
            "the second container to reach the first on localhost");
        Assert.Equal("from-first\n", fetched.Output);

        string[] pod = [sandbox, first, second];
        foreach (var id in pod) Assert.Equal("pair-host\n", (await Exec(id, "hostname")).Output);
        var ipc = await Task.WhenAll(pod.Select(id => Exec(id, "readlink", "/proc/self/ns/ipc")));
        Assert.StartsWith("ipc:[", ipc[0].Output);
        Assert.Single(ipc.Select(r => r.Output).Distinct());

        Assert.Equal("note-from-first\n", (await Exec(second, "cat", "/shared/note")).Output);
        Assert.Equal(0, (await Exec(second, "sh", "-c", "echo reply-from-second > /shared/reply")).ExitCode);
        Assert.Equal("reply-from-second\n", (await Exec(first, "cat", "/shared/reply")).Output);
        Assert.Equal("reply-from-second\n", await File.ReadAllTextAsync(Path.Combine(shared, "reply")));
    }

    [Fact]
    public async Task A_read_only_mount_cannot_be_written()
    {
        var shared = node.TemporaryDirectory();
        var sandbox = await node.RunSandboxAsync("readonly");
        var id = await node.RunShellAsync("readonly", sandbox, "reader", "exec sleep 3600", [new(shared, "/data", ReadOnly: true)]);
        await node.WaitForStateAsync(id, ContainerRunState.Running);

        var write = await Exec(id, "sh", "-c", "echo x > /data/file");

        Assert.NotEqual(0, write.ExitCode);
        Assert.Contains("Read-only file system", write.Output);
        Assert.False(File.Exists(Path.Combine(shared, "file")));
    }

    private Task<ExecResult> Exec(string containerId, params string[] command) =>
        node.Runtime.ExecAsync(containerId, command, TimeSpan.FromSeconds(10), CancellationToken.None);
}
