using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Discovery;
using EventOrch.Cli.Resources;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Waiting;

/// <summary>A ReplicaSet or ReplicationController is ready when its controller has seen its spec and as many of its
/// pods as it wants are Ready (and no more exist); a stuck pod fails the wait.</summary>
public sealed class ReplicaSetReadiness(KubeApiClient api, KindCatalog kinds, ApiResource resource, string @namespace, string name) : IReadinessCheck
{
    public async Task<IReadOnlyList<WatchTarget>> TargetsAsync(CancellationToken cancellationToken)
    {
        var live = await api.GetObjectAsync(resource, @namespace, name, cancellationToken);
        return
        [
            new(resource, @namespace, $"metadata.name={name}"),
            new(kinds.ForKind("v1", "Pod"), @namespace, LabelSelector: live is null ? null : WorkloadSelector.QueryOf(live)),
        ];
    }

    public async Task<Progress> CheckAsync(CancellationToken cancellationToken)
    {
        var raw = await api.GetObjectAsync(resource, @namespace, name, cancellationToken);
        var label = $"{resource.Kind.ToLowerInvariant()} \"{name}\"";
        if (raw is null) return Progress.Failed($"{resource.PluralAndGroup()} \"{name}\" not found");
        var generation = raw["metadata"]?["generation"]?.GetValue<long?>() ?? 0;
        var status = raw["status"]?.Deserialize<ReplicaSetStatus>(KubeJson.Options) ?? new ReplicaSetStatus();
        var desired = raw["spec"]?["replicas"] is JsonValue r && r.TryGetValue<int>(out var replicas) ? replicas : 1;

        var pods = await PodsOf.ControllerAsync(api, kinds, raw, cancellationToken);
        var details = pods.Select(PodStatusText.Line).ToList();
        if (pods.Select(PodStatusText.Stuck).FirstOrDefault(s => s is not null) is { } stuck) return Progress.Failed(stuck, details);
        if (generation > (status.ObservedGeneration ?? 0)) return Progress.Waiting($"Waiting for {label} spec update to be observed...", details);
        var ready = status.ReadyReplicas ?? 0;
        if (ready >= desired && status.Replicas == desired) return Progress.Done($"{label}: {ready} of {desired} pods ready", details);
        var extra = status.Replicas > desired ? $", {status.Replicas - desired} more pending termination" : "";
        return Progress.Waiting($"Waiting for {label}: {ready} of {desired} pods ready{extra}...", details);
    }
}
