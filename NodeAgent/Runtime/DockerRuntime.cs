using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Options;

namespace EventOrch.NodeAgent.Runtime;

/// <summary>Runs pods on a Docker Engine through Docker.DotNet: a sandbox container per pod, the pod's containers joined to it.</summary>
public sealed partial class DockerRuntime(IOptions<DockerRuntimeOptions> options, ILogger<DockerRuntime> logger)
    : IContainerRuntime, IDisposable
{
    // The sandbox's only process: it must hold the namespaces and still end at once on SIGTERM. A container's PID 1
    // ignores signals it has no handler for, so a bare "sleep" would wait out the whole grace period of every stop.
    // The sandbox image therefore needs /bin/sh and sleep (busybox has both).
    private const string SandboxScript = "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait $!; done";

    private readonly DockerRuntimeOptions settings = options.Value;
    private readonly DockerClient docker = new DockerClientConfiguration(new Uri(options.Value.Endpoint)).CreateClient();

    public async Task<RuntimeVersion> VersionAsync(CancellationToken cancellationToken)
    {
        var version = await docker.System.GetVersionAsync(cancellationToken);
        return new RuntimeVersion("docker", version.Version);
    }

    public async Task<IReadOnlyList<RuntimeContainer>> ListAsync(string nodeName, CancellationToken cancellationToken)
    {
        var listed = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{RuntimeLabels.Node}={nodeName}"] = true },
            },
        }, cancellationToken);
        // The list gives no exit code nor times; inspecting each container does. One removed in between is skipped.
        var inspected = await Task.WhenAll(listed.Select(c => TryInspectAsync(c.ID, cancellationToken)));
        return inspected.OfType<ContainerInspectResponse>()
            .Select(i => new RuntimeContainer(i.ID, i.Name.TrimStart('/'),
                new Dictionary<string, string>(i.Config.Labels ?? new Dictionary<string, string>()), DockerMapping.ToState(i)))
            .ToList();
    }

    public async Task<string> RunSandboxAsync(SandboxSpec spec, CancellationToken cancellationToken)
    {
        var parameters = new CreateContainerParameters
        {
            Name = spec.Name,
            Image = spec.Image,
            Hostname = spec.Hostname,
            Entrypoint = ["/bin/sh", "-c", SandboxScript],
            Cmd = [],
            Labels = DockerMapping.WithRole(spec.Labels, RuntimeLabels.SandboxRole),
            ExposedPorts = spec.Ports.Select(p => DockerMapping.PortKey(p.ContainerPort, p.Protocol)).Distinct()
                .ToDictionary(key => key, _ => default(EmptyStruct)),
            HostConfig = new HostConfig
            {
                // Containers may join the sandbox's IPC namespace only if it was created shareable.
                IpcMode = "shareable",
                NetworkMode = "bridge",
                PortBindings = DockerMapping.PortBindings(spec.Ports),
            },
        };
        spec.Labels.TryGetValue(RuntimeLabels.PodUid, out var podUid);
        var (id, reused) = await CreateReplacingStaleAsync(parameters, podUid, cancellationToken);
        if (reused) return id;
        try
        {
            await docker.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken);
            return id;
        }
        catch (DockerApiException e)
        {
            // E.g. "port is already allocated": remove the husk so the next attempt starts clean, and say why.
            var reason = DockerMapping.EngineMessage(e);
            logger.SandboxStartFailed(spec.Name, id, reason);
            await RemoveAsync(id, CancellationToken.None);
            throw new InvalidOperationException($"sandbox {spec.Name} did not start: {reason}", e);
        }
    }

    public async Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        var parameters = new CreateContainerParameters
        {
            Name = spec.Name,
            Image = spec.Image,
            // Kubernetes semantics: command replaces the image's entrypoint (and with it the image's cmd: the engine
            // only inherits cmd when the entrypoint is inherited too); args replace the image's cmd.
            Entrypoint = spec.Command is { Count: > 0 } command ? [.. command] : null,
            Cmd = spec.Args is { Count: > 0 } args ? [.. args] : null,
            Env = spec.Env.Select(e => $"{e.Key}={e.Value}").ToList(),
            WorkingDir = string.IsNullOrEmpty(spec.WorkingDir) ? null : spec.WorkingDir,
            Labels = DockerMapping.WithRole(spec.Labels, RuntimeLabels.ContainerRole),
            // No Hostname and no UTSMode: the engine refuses a hostname with a container network mode, and the
            // joined container shares the sandbox's hostname anyway.
            HostConfig = new HostConfig
            {
                NetworkMode = $"container:{spec.SandboxId}",
                IpcMode = $"container:{spec.SandboxId}",
                Binds = spec.Mounts.Select(m => $"{m.HostPath}:{m.ContainerPath}{(m.ReadOnly ? ":ro" : "")}").ToList(),
                NanoCPUs = spec.NanoCpus ?? 0,
                Memory = spec.MemoryBytes ?? 0,
            },
        };
        var (id, _) = await CreateReplacingStaleAsync(parameters, reuseRunningOfPod: null, cancellationToken);
        return id;
    }

    public async Task StartAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), cancellationToken);
        }
        catch (DockerContainerNotFoundException e)
        {
            throw new ContainerNotFoundException(containerId, e);
        }
    }

    public async Task StopAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        // The engine sends SIGTERM, waits t seconds, then SIGKILL; it counts in whole seconds, so round up.
        var seconds = (uint)Math.Max(0, Math.Ceiling(gracePeriod.TotalSeconds));
        try
        {
            if (seconds > 0)
            {
                await docker.Containers.StopContainerAsync(containerId, new ContainerStopParameters { WaitBeforeKillSeconds = seconds }, cancellationToken);
                return;
            }
            // Docker.DotNet leaves a zero out of the query string, so "t=0" would become the engine's default of 10 s:
            // no grace means SIGKILL now, then wait for the exit as a stop would.
            try
            {
                await docker.Containers.KillContainerAsync(containerId, new ContainerKillParameters { Signal = "SIGKILL" }, cancellationToken);
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
            {
                // Not running: nothing to kill.
            }
            await docker.Containers.WaitContainerAsync(containerId, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }

    public async Task RemoveAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = false, RemoveVolumes = true }, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }

    public async Task<ContainerState?> InspectAsync(string containerId, CancellationToken cancellationToken) =>
        await TryInspectAsync(containerId, cancellationToken) is { } inspect ? DockerMapping.ToState(inspect) : null;

    public void Dispose() => docker.Dispose();

    private async Task<ContainerInspectResponse?> TryInspectAsync(string idOrName, CancellationToken cancellationToken)
    {
        try
        {
            return await docker.Containers.InspectContainerAsync(idOrName, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Creates the container; when its name is taken, a leftover that is not running (an agent crash between
    /// create and start, or an exited attempt) is removed and the create retried. A running sandbox of the same pod
    /// is reused, which makes a retried RunSandbox idempotent; any other running holder of the name is a conflict.</summary>
    private async Task<(string Id, bool Reused)> CreateReplacingStaleAsync(CreateContainerParameters parameters, string? reuseRunningOfPod,
        CancellationToken cancellationToken)
    {
        try
        {
            return ((await docker.Containers.CreateContainerAsync(parameters, cancellationToken)).ID, false);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            if (await TryInspectAsync(parameters.Name, cancellationToken) is { } existing)
            {
                if (existing.State.Running)
                {
                    if (reuseRunningOfPod is not null && existing.Config.Labels?.TryGetValue(RuntimeLabels.PodUid, out var uid) == true
                        && uid == reuseRunningOfPod)
                    {
                        logger.ReusedRunningSandbox(parameters.Name, existing.ID, reuseRunningOfPod);
                        return (existing.ID, true);
                    }
                    throw new InvalidOperationException($"a running container named {parameters.Name} ({existing.ID}) already exists", e);
                }
                await RemoveAsync(existing.ID, cancellationToken);
                logger.RemovedStaleContainer(parameters.Name, existing.ID, existing.State.Status);
            }
            return ((await docker.Containers.CreateContainerAsync(parameters, cancellationToken)).ID, false);
        }
    }
}
