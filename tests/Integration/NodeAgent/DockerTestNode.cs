using System.Net;
using System.Net.Sockets;
using EventOrch.NodeAgent.Runtime;
using EventOrch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EventOrch.Tests.Integration.NodeAgent;

/// <summary>A pretend node on the real Docker Engine: a <see cref="DockerRuntime"/>, a node name of its own, and on
/// dispose the removal of every container labelled with that name, so no test leaves anything behind.</summary>
public sealed class DockerTestNode : IAsyncDisposable
{
    public const string Image = "eventorch/busybox:latest";

    private readonly List<string> temporaryDirectories = [];

    public DockerTestNode(string owner)
    {
        NodeName = $"test-{owner.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..12]}";
        Runtime = new DockerRuntime(Options.Create(new DockerRuntimeOptions { PullTimeout = TimeSpan.FromSeconds(20), PullImages = false }),
            NullLogger<DockerRuntime>.Instance);
    }

    public string NodeName { get; }
    public DockerRuntime Runtime { get; }

    public Dictionary<string, string> Labels(string pod, string? container = null)
    {
        var labels = new Dictionary<string, string>
        {
            [RuntimeLabels.Node] = NodeName,
            [RuntimeLabels.Namespace] = "default",
            [RuntimeLabels.PodName] = pod,
            [RuntimeLabels.PodUid] = $"{NodeName}-{pod}",
        };
        if (container is not null) labels[RuntimeLabels.Container] = container;
        return labels;
    }

    /// <summary>Docker names are global to the engine, so they carry the node name.</summary>
    public string ContainerName(string pod, string? container = null) => container is null ? $"{NodeName}_{pod}" : $"{NodeName}_{pod}_{container}";

    public SandboxSpec Sandbox(string pod, string? hostname = null, params PortMapping[] ports) =>
        new(ContainerName(pod), hostname ?? pod, Image, Labels(pod), ports);

    public Task<string> RunSandboxAsync(string pod, string? hostname = null, params PortMapping[] ports) =>
        Runtime.RunSandboxAsync(Sandbox(pod, hostname, ports), CancellationToken.None);

    public ContainerSpec Container(string pod, string sandboxId, string name, IReadOnlyList<string>? command, IReadOnlyList<string>? args = null,
        IReadOnlyList<Mount>? mounts = null) =>
        new(ContainerName(pod, name), sandboxId, Image, command, args, new Dictionary<string, string>(), null, mounts ?? [], null, null, Labels(pod, name));

    /// <summary>Creates and starts a container that runs <c>sh -c script</c> in the pod's sandbox.</summary>
    public async Task<string> RunShellAsync(string pod, string sandboxId, string name, string script, IReadOnlyList<Mount>? mounts = null)
    {
        var id = await Runtime.CreateContainerAsync(Container(pod, sandboxId, name, ["sh", "-c", script], mounts: mounts), CancellationToken.None);
        await Runtime.StartAsync(id, CancellationToken.None);
        return id;
    }

    public async Task<ContainerState> WaitForStateAsync(string containerId, ContainerRunState state, TimeSpan? timeout = null) =>
        (await Eventually.WaitFor(() => Runtime.InspectAsync(containerId, CancellationToken.None), s => s?.State == state,
            $"container {containerId} to be {state}", timeout))!;

    public string TemporaryDirectory()
    {
        var path = Directory.CreateTempSubdirectory("eo-node-test-").FullName;
        temporaryDirectories.Add(path);
        return path;
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        var mine = await Runtime.ListAsync(NodeName, CancellationToken.None);
        await Task.WhenAll(mine.Select(c => Runtime.StopAsync(c.Id, TimeSpan.Zero, CancellationToken.None)));
        await Task.WhenAll(mine.Select(c => Runtime.RemoveAsync(c.Id, CancellationToken.None)));
        Runtime.Dispose();
        foreach (var path in temporaryDirectories)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS's temp cleaner; nothing a test asserts on.
            }
        }
    }
}
