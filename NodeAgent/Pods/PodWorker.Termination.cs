using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.Runtime;

namespace EventOrch.NodeAgent.Pods;

public sealed partial class PodWorker
{
    /// <summary>Graceful deletion: SIGTERM to every container, SIGKILL when the grace period is over, then the
    /// sandbox; then the pod is deleted for good (grace period 0, on its uid).</summary>
    private async Task TerminateAsync(Pod pod, IReadOnlyList<RuntimeContainer> observed, CancellationToken cancellationToken)
    {
        var grace = pod.Metadata.DeletionTimestamp!.Value - time.GetUtcNow();
        await StopAllAsync(observed, grace < TimeSpan.Zero ? TimeSpan.Zero : grace, cancellationToken);
        ForgetPod(pod.Metadata.Uid!, observed);
        // Its containers are gone: its volumes may be detached once the pod object is.
        if (inUse is not null) await inUse.ReleaseAsync(pod.Metadata.Uid!, cancellationToken);
        try
        {
            await api.DeleteAsync<Pod>(ResourceKind.Pod, pod.Metadata.Namespace, pod.Metadata.Name!, gracePeriodSeconds: 0, uid: pod.Metadata.Uid, cancellationToken: cancellationToken);
            LogTerminated(ObjectKey.Of(pod), node);
        }
        catch (ApiException ex) when (ex.IsNotFound || ex.IsConflict)
        {
            // Already gone, or the name now belongs to a newer pod.
        }
    }

    // Spec containers first (they may need the sandbox's network while they shut down), then the sandbox.
    private async Task StopAllAsync(IReadOnlyList<RuntimeContainer> observed, TimeSpan grace, CancellationToken cancellationToken)
    {
        var containers = observed.Where(c => c.Labels.GetValueOrDefault(RuntimeLabels.Role) != RuntimeLabels.SandboxRole).ToList();
        await Task.WhenAll(containers.Where(c => c.State.State != ContainerRunState.Exited).Select(c => runtime.StopAsync(c.Id, grace, cancellationToken)));
        foreach (var container in containers) await runtime.RemoveAsync(container.Id, cancellationToken);
        foreach (var sandbox in observed.Except(containers))
        {
            await runtime.StopAsync(sandbox.Id, TimeSpan.Zero, cancellationToken);
            await runtime.RemoveAsync(sandbox.Id, cancellationToken);
        }
    }

    private void ForgetPod(string uid, IReadOnlyList<RuntimeContainer> observed)
    {
        foreach (var sandbox in observed.Where(c => c.Labels.GetValueOrDefault(RuntimeLabels.Role) == RuntimeLabels.SandboxRole))
            ports.Release(PodContainers.ParsePorts(sandbox.Labels.GetValueOrDefault(PodContainers.PortsLabel), address).Select(p => p.HostPort));
        foreach (var key in _waiting.Keys.Where(k => k.Uid == uid).ToList()) _waiting.TryRemove(key, out _);
        _reported.TryRemove(uid, out _);
        _volumes.Forget(uid);
        _storage?.Forget(uid);
        serviceAccountToken?.Forget(uid);
        var root = Path.Combine(options.DataRoot, node, uid);
        try
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
        catch (IOException ex)
        {
            LogVolumeCleanupFailed(ex, root);
        }
    }

    [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "Pod {Pod} terminated on {Node} and deleted")]
    private partial void LogTerminated(string pod, string node);

    [LoggerMessage(EventId = 801, Level = LogLevel.Information, Message = "Removed the containers of pod {Uid}, no longer bound to {Node}")]
    private partial void LogOrphanRemoved(string uid, string node);

    [LoggerMessage(EventId = 802, Level = LogLevel.Warning, Message = "Could not start the sandbox of pod {Pod}")]
    private partial void LogSandboxFailed(Exception exception, string pod);

    [LoggerMessage(EventId = 803, Level = LogLevel.Warning, Message = "Could not start container {Container} of pod {Pod}")]
    private partial void LogStartFailed(Exception exception, string pod, string container);

    [LoggerMessage(EventId = 804, Level = LogLevel.Information, Message = "Container {Container} of pod {Pod} is unhealthy ({Reason}): restarting it")]
    private partial void LogUnhealthy(string pod, string container, string? reason);

    [LoggerMessage(EventId = 805, Level = LogLevel.Warning, Message = "Could not remove the volumes under {Path}")]
    private partial void LogVolumeCleanupFailed(Exception exception, string path);

    // Kubernetes records this as the pod's event InvalidEnvironmentVariableNames.
    [LoggerMessage(EventId = 806, Level = LogLevel.Warning, Message = "Container {Container} of pod {Pod}: {Message}")]
    private partial void LogInvalidEnvNames(string pod, string container, string message);
}
