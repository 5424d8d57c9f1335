using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EventOrch.NodeAgent.Runtime;

/// <summary>A container runtime that runs nothing, for hollow nodes in scale tests: containers are records that
/// report Running a configurable delay after their start. One instance may serve many hollow nodes.</summary>
public sealed partial class SimulatedRuntime(IOptions<SimulatedRuntimeOptions> options, TimeProvider time) : IContainerRuntime
{
    private readonly TimeSpan startDelay = options.Value.StartDelay;
    private readonly string volumeRoot = options.Value.VolumeRoot;
    private readonly Lock gate = new();
    private readonly Dictionary<string, SimulatedContainer> byId = [];
    private readonly Dictionary<string, string> idByName = [];
    // Each hollow node lists its own containers on every resync; an index keeps that independent of the node count.
    private readonly Dictionary<string, HashSet<string>> idsByNode = [];

    public Task<RuntimeVersion> VersionAsync(CancellationToken cancellationToken) => Task.FromResult(new RuntimeVersion("simulated", "1.0"));

    public Task<IReadOnlyList<RuntimeContainer>> ListAsync(string nodeName, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            IReadOnlyList<RuntimeContainer> result = idsByNode.TryGetValue(nodeName, out var ids)
                ? ids.Select(id => byId[id]).Select(c => new RuntimeContainer(c.Id, c.Name, c.Labels, c.StateAt(now, startDelay))).ToList()
                : [];
            return Task.FromResult(result);
        }
    }

    /// <summary>Every image is present: nothing is ever pulled.</summary>
    public Task<ImageResult> EnsureImageAsync(string image, string pullPolicy, CancellationToken cancellationToken) => Task.FromResult(ImageResult.Ok);

    public Task<string> RunSandboxAsync(SandboxSpec spec, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            spec.Labels.TryGetValue(RuntimeLabels.PodUid, out var podUid);
            var (container, reused) = Create(spec.Name, spec.Image, spec.Labels, RuntimeLabels.SandboxRole, podUid);
            if (!reused) container.Start(time.GetUtcNow());
            return Task.FromResult(container.Id);
        }
    }

    public Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!byId.ContainsKey(spec.SandboxId)) throw new ContainerNotFoundException(spec.SandboxId);
            return Task.FromResult(Create(spec.Name, spec.Image, spec.Labels, RuntimeLabels.ContainerRole, reuseRunningOfPod: null).Container.Id);
        }
    }

    public Task StartAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Get(containerId).Start(time.GetUtcNow());
            return Task.CompletedTask;
        }
    }

    /// <summary>The simulated process exits cleanly on SIGTERM, within any grace period: exit code 0, as a
    /// well-behaved application would (a real shell killed by the signal would show 143).</summary>
    public Task StopAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (byId.TryGetValue(containerId, out var container)) container.Stop(time.GetUtcNow());
            return Task.CompletedTask;
        }
    }

    public Task RemoveAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!byId.TryGetValue(containerId, out var container)) return Task.CompletedTask;
            // As the engine does without force: a running container must be stopped first.
            if (container.IsStarted) throw new InvalidOperationException($"cannot remove running container {containerId}: stop it first");
            Forget(container);
            return Task.CompletedTask;
        }
    }

    public Task<ContainerState?> InspectAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(byId.TryGetValue(containerId, out var container) ? container.StateAt(time.GetUtcNow(), startDelay) : null);
        }
    }

    /// <summary>Every command succeeds, silently, in a running container.</summary>
    public Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var state = byId.TryGetValue(containerId, out var container) ? container.StateAt(time.GetUtcNow(), startDelay).State : (ContainerRunState?)null;
            return Task.FromResult(state switch
            {
                null => new ExecResult(-1, $"container {containerId} does not exist", false),
                ContainerRunState.Running => new ExecResult(0, "", false),
                _ => new ExecResult(-1, $"container {containerId} is not running", false),
            });
        }
    }

    /// <summary>One line naming the container; a followed log ends after it, since nothing more will ever be written.</summary>
    public Task<Stream> LogsAsync(string containerId, LogOptions options, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var container = Get(containerId);
            var line = $"simulated container {container.Name}\n";
            if (options.Timestamps) line = $"{container.CreatedAt:O} {line}";
            var text = options.TailLines == 0 || options.Since > time.GetUtcNow() ? "" : line;
            return Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false));
        }
    }

    /// <summary>A simulated container runs no process: it uses no cpu and no memory, and says so.</summary>
    public Task<ContainerUsage?> UsageAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            return Task.FromResult(byId.TryGetValue(containerId, out var container) && container.StateAt(now, startDelay).State == ContainerRunState.Running
                ? new ContainerUsage(now, 0, 0)
                : null);
        }
    }

    private SimulatedContainer Get(string containerId) =>
        byId.TryGetValue(containerId, out var container) ? container : throw new ContainerNotFoundException(containerId);

    /// <summary>The same name rules as <see cref="DockerRuntime"/>: a leftover that is not running gives way, a running
    /// sandbox of the same pod is reused, any other running holder of the name is a conflict. Called under the lock.</summary>
    private (SimulatedContainer Container, bool Reused) Create(string name, string image, IReadOnlyDictionary<string, string> labels, string role,
        string? reuseRunningOfPod)
    {
        if (idByName.TryGetValue(name, out var existingId))
        {
            var existing = byId[existingId];
            if (existing.IsStarted)
            {
                if (reuseRunningOfPod is not null && existing.Labels.GetValueOrDefault(RuntimeLabels.PodUid) == reuseRunningOfPod) return (existing, true);
                throw new InvalidOperationException($"a running container named {name} ({existingId}) already exists");
            }
            Forget(existing);
        }
        var allLabels = new Dictionary<string, string>(labels);
        allLabels.TryAdd(RuntimeLabels.Role, role);
        var container = new SimulatedContainer($"{Guid.NewGuid():N}{Guid.NewGuid():N}", name, allLabels, ImageId(image), time.GetUtcNow());
        byId.Add(container.Id, container);
        idByName.Add(name, container.Id);
        if (allLabels.TryGetValue(RuntimeLabels.Node, out var node))
        {
            if (!idsByNode.TryGetValue(node, out var ids)) idsByNode[node] = ids = [];
            ids.Add(container.Id);
        }
        return (container, false);
    }

    private void Forget(SimulatedContainer container)
    {
        byId.Remove(container.Id);
        idByName.Remove(container.Name);
        if (container.Labels.TryGetValue(RuntimeLabels.Node, out var node) && idsByNode.TryGetValue(node, out var ids))
        {
            ids.Remove(container.Id);
            if (ids.Count == 0) idsByNode.Remove(node);
        }
    }

    private static string ImageId(string image) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(image)))}";
}
