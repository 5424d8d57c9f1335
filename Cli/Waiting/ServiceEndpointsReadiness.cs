using System.Text.Json;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Resources;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Waiting;

/// <summary>A Service with a selector is ready when its Endpoints list at least one ready address; one without a
/// selector has its endpoints written by hand, and nothing to wait for.</summary>
public sealed class ServiceEndpointsReadiness(KubeApiClient api, KindCatalog kinds, string @namespace, string name) : IReadinessCheck
{
    public Task<IReadOnlyList<WatchTarget>> TargetsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<WatchTarget>>(
    [
        new(kinds.ForKind("v1", "Service"), @namespace, $"metadata.name={name}"),
        new(kinds.ForKind("v1", "Endpoints"), @namespace, $"metadata.name={name}"),
    ]);

    public async Task<Progress> CheckAsync(CancellationToken cancellationToken)
    {
        var raw = await api.GetObjectAsync(kinds.ForKind("v1", "Service"), @namespace, name, cancellationToken);
        if (raw is null) return Progress.Failed($"services \"{name}\" not found");
        var service = raw.Deserialize<Service>(KubeJson.Options)!;
        if (service.Spec.Selector is not { Count: > 0 })
            return Progress.Done($"service \"{name}\" has no selector: its endpoints are not managed by the cluster");
        var endpoints = (await api.GetObjectAsync(kinds.ForKind("v1", "Endpoints"), @namespace, name, cancellationToken))
            ?.Deserialize<Endpoints>(KubeJson.Options);
        var subsets = endpoints?.Subsets ?? [];
        var ready = subsets.SelectMany(s => (s.Addresses ?? []).SelectMany(a => (s.Ports ?? []).DefaultIfEmpty().Select(p => p is null ? a.Ip : $"{a.Ip}:{p.Port}")))
            .Distinct().ToList();
        var notReady = subsets.Sum(s => s.NotReadyAddresses?.Count ?? 0);
        if (ready.Count > 0)
            return Progress.Done($"service \"{name}\" has {ready.Count} ready endpoint{(ready.Count == 1 ? "" : "s")}: {string.Join(", ", ready.Take(5))}{(ready.Count > 5 ? ", ..." : "")}");
        return Progress.Waiting($"Waiting for service \"{name}\" endpoints: none ready yet{(notReady > 0 ? $" ({notReady} not ready)" : "")}...");
    }
}
