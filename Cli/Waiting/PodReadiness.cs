using System.Text.Json;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Resources;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Waiting;

/// <summary>A pod is ready when it runs and its Ready condition is True (or it has completed); a stuck container or
/// a Failed phase fails the wait.</summary>
public sealed class PodReadiness(KubeApiClient api, KindCatalog kinds, string @namespace, string name) : IReadinessCheck
{
    public Task<IReadOnlyList<WatchTarget>> TargetsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WatchTarget>>([new(kinds.ForKind("v1", "Pod"), @namespace, $"metadata.name={name}")]);

    public async Task<Progress> CheckAsync(CancellationToken cancellationToken)
    {
        var raw = await api.GetObjectAsync(kinds.ForKind("v1", "Pod"), @namespace, name, cancellationToken);
        if (raw is null) return Progress.Failed($"pods \"{name}\" not found");
        var pod = raw.Deserialize<Pod>(KubeJson.Options)!;
        if (PodStatusText.Stuck(pod) is { } stuck) return Progress.Failed(stuck);
        var phase = pod.Status?.Phase;
        if (phase == PodPhases.Succeeded) return Progress.Done($"pod \"{name}\" completed");
        if (phase == PodPhases.Failed)
            return Progress.Failed($"pod \"{name}\" failed: {PodStatusText.Status(pod)}{(string.IsNullOrEmpty(pod.Status?.Message) ? "" : ": " + pod.Status.Message)}");
        if (phase == PodPhases.Running && PodStatusText.IsReady(pod)) return Progress.Done($"pod \"{name}\" is running and ready");
        return Progress.Waiting($"Waiting for pod \"{name}\": {PodStatusText.Line(pod)[(name.Length + 2)..]}");
    }
}
