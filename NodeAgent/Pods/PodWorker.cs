using System.Collections.Concurrent;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using EventOrch.NodeAgent.ConfigSources;
using EventOrch.NodeAgent.Runtime;

namespace EventOrch.NodeAgent.Pods;

/// <summary>Brings one node's pods to their spec on the container runtime and reports their status: a sandbox
/// per pod, one container per spec container (restarted by the pod's restartPolicy with a doubling back-off),
/// probes, graceful termination. Level-triggered: every sync compares the spec with what the runtime shows.</summary>
public sealed partial class PodWorker(
    string node,
    string address,
    IContainerRuntime runtime,
    KubeApiClient api,
    Prober prober,
    PortAllocator ports,
    PodAgentOptions options,
    IPodConfigLookup config,
    TimeProvider time,
    ILogger logger,
    ServiceAccounts.ServiceAccountTokenMount? serviceAccountToken = null,
    Volumes.IStorageLookup? storage = null,
    Volumes.VolumesInUse? inUse = null)
{
    private readonly ConfigVolumes _volumes = new(config, time);
    private readonly Volumes.PodVolumes? _storage = storage is null ? null : new(node, storage);

    // The status this agent last stored for each pod. Once a pod is bound the agent is its status's only writer, so
    // this is newer than the informer's copy, which trails it by the bus's delay: computing from the informer's copy
    // would restamp startTime and transition times on every pass until the echo arrived, and write each time.
    private readonly ConcurrentDictionary<string, PodStatus> _reported = new();
    private readonly ConcurrentDictionary<(string Uid, string Container), (string Reason, string? Message, DateTimeOffset At)> _waiting = new();

    public async Task SyncAsync(Pod pod, IReadOnlyList<RuntimeContainer> observed, CancellationToken cancellationToken)
    {
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            await TerminateAsync(pod, observed, cancellationToken);
            return;
        }
        // ConfigMap and Secret files first, on every pass: a change reaches running containers, and a volume that cannot
        // be set up keeps new containers from starting.
        var volumeError = await _volumes.SyncAsync(pod, VolumeRoot(pod.Metadata.Uid!), cancellationToken);
        if (serviceAccountToken is not null) volumeError ??= await serviceAccountToken.SyncAsync(pod, VolumeRoot(pod.Metadata.Uid!), cancellationToken);
        // hostPath and persistentVolumeClaim volumes: checked, and a claim's bound, attached volume found, before a container starts.
        IReadOnlyDictionary<string, Volumes.ResolvedVolume>? mounted = null;
        if (_storage is not null && pod.Spec.Volumes?.Any(v => v.HostPath is not null || v.PersistentVolumeClaim is not null) == true)
        {
            (mounted, var storageError) = await _storage.SyncAsync(pod, cancellationToken);
            volumeError ??= storageError;
            // Reported in use before any container can write to them (the kubelet's ReportedInUse); a finished pod starts none.
            if (inUse is not null && !Finished(pod) && PodContainers.PersistentVolumesOf(mounted) is { Count: > 0 } persistent)
                await inUse.HoldAsync(pod.Metadata.Uid!, persistent, cancellationToken);
        }
        var (sandbox, published) = await EnsureSandboxAsync(pod, observed, cancellationToken);
        var views = new List<ContainerView>();
        foreach (var container in pod.Spec.Containers)
        {
            var instances = observed.Where(c => c.Labels.GetValueOrDefault(RuntimeLabels.Container) == container.Name
                && c.Labels.GetValueOrDefault(RuntimeLabels.Role) == RuntimeLabels.ContainerRole).OrderBy(PodContainers.Attempt).ToList();
            views.Add(await SyncContainerAsync(pod, container, sandbox, instances, published, volumeError, mounted, cancellationToken));
        }
        var basis = _reported.TryGetValue(pod.Metadata.Uid!, out var last) ? last : pod.Status;
        var status = PodStatusCalculator.Compute(pod with { Status = basis }, views, address, time.GetUtcNow());
        if (!KubeJson.Equal(status, basis)) await ReportAsync(pod, status, cancellationToken);
        // A finished pod's containers have all exited for good: its volumes are no longer in use.
        if (inUse is not null && status.Phase is PodPhases.Succeeded or PodPhases.Failed) await inUse.ReleaseAsync(pod.Metadata.Uid!, cancellationToken);
    }

    /// <summary>Stops and removes what is left of a pod that is no longer bound here.</summary>
    public async Task RemoveOrphanAsync(string uid, IReadOnlyList<RuntimeContainer> observed, CancellationToken cancellationToken)
    {
        await StopAllAsync(observed, TimeSpan.Zero, cancellationToken);
        ForgetPod(uid, observed);
        if (inUse is not null) await inUse.ReleaseAsync(uid, cancellationToken);
        LogOrphanRemoved(uid, node);
    }

    // The running sandbox, or a new one (a dead sandbox restarts the whole pod: its containers lost their network).
    private async Task<(string? Id, List<PortMapping> Ports)> EnsureSandboxAsync(Pod pod, IReadOnlyList<RuntimeContainer> observed,
        CancellationToken cancellationToken)
    {
        var sandboxes = observed.Where(c => c.Labels.GetValueOrDefault(RuntimeLabels.Role) == RuntimeLabels.SandboxRole).ToList();
        // Created counts as alive: the sandbox was started and is still coming up (a hollow node's takes a moment).
        if (sandboxes.FirstOrDefault(s => s.State.State is ContainerRunState.Running or ContainerRunState.Created) is { } running)
        {
            var existing = PodContainers.ParsePorts(running.Labels.GetValueOrDefault(PodContainers.PortsLabel), address);
            ports.Reserve(existing.Select(p => p.HostPort));
            return (running.Id, existing);
        }
        if (observed.Count > 0) await StopAllAsync(observed, TimeSpan.Zero, cancellationToken);

        var image = await runtime.EnsureImageAsync(options.SandboxImage, "IfNotPresent", cancellationToken);
        if (!image.Present)
        {
            SetWaitingForAll(pod, "CreatePodSandboxError", $"sandbox image {options.SandboxImage}: {image.Message}");
            return (null, []);
        }
        var mappings = PodContainers.WantedPorts(pod)
            .Select(p => new PortMapping(p.ContainerPort, p.HostPort ?? ports.Allocate(address), address, p.Protocol)).ToList();
        var labels = PodContainers.Labels(node, pod, RuntimeLabels.SandboxRole);
        labels[PodContainers.PortsLabel] = PodContainers.FormatPorts(mappings);
        try
        {
            var id = await runtime.RunSandboxAsync(new SandboxSpec(PodContainers.SandboxName(node, pod),
                pod.Spec.Hostname ?? pod.Metadata.Name!, options.SandboxImage, labels, mappings), cancellationToken);
            foreach (var container in pod.Spec.Containers) _waiting.TryRemove((pod.Metadata.Uid!, container.Name), out _);
            return (id, mappings);
        }
        catch (InvalidOperationException ex)
        {
            ports.Release(mappings.Where(m => !PodContainers.WantedPorts(pod).Any(w => w.HostPort == m.HostPort)).Select(m => m.HostPort));
            SetWaitingForAll(pod, "CreatePodSandboxError", ex.Message);
            LogSandboxFailed(ex, ObjectKey.Of(pod));
            return (null, []);
        }
    }

    private async Task<ContainerView> SyncContainerAsync(Pod pod, Container spec, string? sandbox, List<RuntimeContainer> instances,
        List<PortMapping> published, string? volumeError, IReadOnlyDictionary<string, Volumes.ResolvedVolume>? mounted,
        CancellationToken cancellationToken)
    {
        var uid = pod.Metadata.Uid!;
        var latest = instances.LastOrDefault();
        var previous = instances.Count > 1 ? instances[^2] : null;
        var restarts = latest is null ? 0 : PodContainers.Attempt(latest);
        var ready = false;
        var portsOf = PublishedPorts(spec, published);

        if (sandbox is not null && latest?.State.State == ContainerRunState.Running)
        {
            var outcome = await prober.ProbeAsync(latest.Id, spec, latest.State.StartedAt ?? time.GetUtcNow(),
                port => published.FirstOrDefault(p => p.ContainerPort == port)?.HostPort, address, cancellationToken);
            ready = outcome.Ready;
            if (!outcome.Live)
            {
                LogUnhealthy(ObjectKey.Of(pod), spec.Name, outcome.Message);
                await runtime.StopAsync(latest.Id, TimeSpan.FromSeconds(pod.Spec.TerminationGracePeriodSeconds ?? 30), cancellationToken);
                latest = await Refresh(latest, cancellationToken);
            }
        }
        if (sandbox is not null && latest?.State.State == ContainerRunState.Created)
        {
            await runtime.StartAsync(latest.Id, cancellationToken);
            latest = await Refresh(latest, cancellationToken);
        }
        if (sandbox is not null && (latest is null || latest.State.State == ContainerRunState.Exited) && ShouldStart(pod, latest))
        {
            var next = latest is null ? 0 : restarts + 1;
            if (latest is not null && BackoffRemaining(latest, restarts) is { } wait && wait > TimeSpan.Zero)
            {
                _waiting[(uid, spec.Name)] = ("CrashLoopBackOff",
                    $"back-off {Math.Ceiling(wait.TotalSeconds)}s restarting failed container={spec.Name} pod={pod.Metadata.Name}_{pod.Metadata.Namespace}({uid})",
                    time.GetUtcNow());
            }
            else if (_waiting.TryGetValue((uid, spec.Name), out var pulling) && pulling.Reason is "ErrImagePull" or "ImagePullBackOff"
                     && time.GetUtcNow() - pulling.At < options.RestartBackoff)
            {
                // An image that could not be had is tried again after a back-off, not on every pass.
            }
            else if (await StartInstanceAsync(pod, spec, sandbox, next, volumeError, mounted, cancellationToken) is { } started)
            {
                previous = latest ?? previous;
                latest = started;
                restarts = next;
                if (previous is not null) await RemoveOlderThanAsync(instances, previous, cancellationToken);
            }
        }
        else if (latest is not null)
        {
            _waiting.TryRemove((uid, spec.Name), out _);
        }
        var waiting = _waiting.TryGetValue((uid, spec.Name), out var w) ? (w.Reason, w.Message) : ((string, string?)?)null;
        return new ContainerView(spec.Name, spec.Image!, latest, previous, restarts, waiting, ready || spec.ReadinessProbe is null && latest?.State.State == ContainerRunState.Running, portsOf);
    }

    private async Task<RuntimeContainer?> StartInstanceAsync(Pod pod, Container spec, string sandbox, int attempt, string? volumeError,
        IReadOnlyDictionary<string, Volumes.ResolvedVolume>? mounted, CancellationToken cancellationToken)
    {
        var uid = pod.Metadata.Uid!;
        if (volumeError is not null)
        {
            // The kubelet mounts volumes before it creates a container: the container is still being created.
            _waiting[(uid, spec.Name)] = ("ContainerCreating", volumeError, time.GetUtcNow());
            return null;
        }
        var image = await runtime.EnsureImageAsync(spec.Image!, spec.ImagePullPolicy ?? "IfNotPresent", cancellationToken);
        if (!image.Present)
        {
            // The first failure says ErrImagePull; while it keeps failing, ImagePullBackOff, as Kubernetes shows it.
            var reason = _waiting.TryGetValue((uid, spec.Name), out var seen) && seen.Reason is "ErrImagePull" or "ImagePullBackOff"
                ? "ImagePullBackOff" : image.Reason ?? "ErrImagePull";
            _waiting[(uid, spec.Name)] = (reason, image.Message, time.GetUtcNow());
            return null;
        }
        var env = await ContainerEnv.ResolveAsync(pod, spec, address, config, cancellationToken);
        if (env.Error is { } configError)
        {
            // As the kubelet: the container waits, and each pass tries again until what it needs is there.
            _waiting[(uid, spec.Name)] = ("CreateContainerConfigError", configError, time.GetUtcNow());
            return null;
        }
        try
        {
            // KUBERNETES_SERVICE_HOST and _PORT first: the container's own env wins, as over the kubelet's service variables.
            var variables = serviceAccountToken is null ? env.Env! : new Dictionary<string, string>(serviceAccountToken.Env).Concat(env.Env!)
                .GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
            var containerSpec = PodContainers.Spec(node, pod, spec, attempt, sandbox, VolumeRoot(uid), variables,
                serviceAccountToken?.MountedDirectory(pod, VolumeRoot(uid)), mounted);
            var id = await runtime.CreateContainerAsync(containerSpec, cancellationToken);
            // Once per container made, not on every pass while it waits for a ConfigMap or Secret.
            foreach (var skipped in env.Skipped) LogInvalidEnvNames(ObjectKey.Of(pod), spec.Name, skipped);
            await runtime.StartAsync(id, cancellationToken);
            _waiting.TryRemove((uid, spec.Name), out _);
            var state = await runtime.InspectAsync(id, cancellationToken);
            return state is null ? null : new RuntimeContainer(id, containerSpec.Name, containerSpec.Labels, state);
        }
        catch (Volumes.SubPathException ex)
        {
            // As the kubelet: a subPath that cannot be prepared is the container's configuration error.
            _waiting[(uid, spec.Name)] = ("CreateContainerConfigError", ex.Message, time.GetUtcNow());
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ContainerNotFoundException or Docker.DotNet.DockerApiException)
        {
            _waiting[(uid, spec.Name)] = ("CreateContainerError", ex.Message, time.GetUtcNow());
            LogStartFailed(ex, ObjectKey.Of(pod), spec.Name);
            return null;
        }
    }

    // Succeeded or Failed, as this agent last reported it.
    private bool Finished(Pod pod) =>
        (_reported.TryGetValue(pod.Metadata.Uid!, out var last) ? last : pod.Status)?.Phase is PodPhases.Succeeded or PodPhases.Failed;

    private static bool ShouldStart(Pod pod, RuntimeContainer? latest) => latest is null || (pod.Spec.RestartPolicy ?? "Always") switch
    {
        "Always" => true,
        "OnFailure" => latest.State.ExitCode is not 0,
        _ => false,
    };

    // Kubernetes' crash-loop back-off: 10 s after the first restart, doubling to 5 min.
    private TimeSpan? BackoffRemaining(RuntimeContainer exited, int restarts)
    {
        var delay = TimeSpan.FromTicks(Math.Min(options.RestartBackoff.Ticks << Math.Min(restarts, 20), options.MaxRestartBackoff.Ticks));
        return exited.State.FinishedAt is { } finished ? finished + delay - time.GetUtcNow() : null;
    }

    private async Task ReportAsync(Pod pod, PodStatus status, CancellationToken cancellationToken)
    {
        try
        {
            // No resourceVersion: once a pod is bound, its node's agent is the only writer of its status.
            await api.ReplaceStatusAsync(ResourceKind.Pod, pod with { Metadata = pod.Metadata with { ResourceVersion = null }, Status = status }, cancellationToken);
            _reported[pod.Metadata.Uid!] = status;
        }
        catch (ApiException ex) when (ex.IsNotFound)
        {
        }
    }

    private static List<PublishedPort> PublishedPorts(Container spec, List<PortMapping> published) =>
        (spec.Ports ?? []).Select(p => published.FirstOrDefault(m => m.ContainerPort == p.Number && m.Protocol == (p.Protocol ?? "TCP")) is { } m
                ? new PublishedPort { Name = p.Name, ContainerPort = p.Number, HostPort = m.HostPort, HostIP = m.HostIp, Protocol = m.Protocol }
                : null)
            .OfType<PublishedPort>().ToList();

    private async Task<RuntimeContainer?> Refresh(RuntimeContainer container, CancellationToken cancellationToken) =>
        await runtime.InspectAsync(container.Id, cancellationToken) is { } state ? container with { State = state } : null;

    // Keeps the newest two instances of a container (the current one and the previous, for lastState and logs --previous).
    private async Task RemoveOlderThanAsync(List<RuntimeContainer> instances, RuntimeContainer previous, CancellationToken cancellationToken)
    {
        foreach (var old in instances.Where(i => PodContainers.Attempt(i) < PodContainers.Attempt(previous)))
            await runtime.RemoveAsync(old.Id, cancellationToken);
    }

    private void SetWaitingForAll(Pod pod, string reason, string? message)
    {
        foreach (var container in pod.Spec.Containers) _waiting[(pod.Metadata.Uid!, container.Name)] = (reason, message, time.GetUtcNow());
    }

    private string VolumeRoot(string uid) => Path.Combine(options.DataRoot, node, uid, "volumes");
}
