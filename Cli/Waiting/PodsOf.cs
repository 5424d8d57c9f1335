using System.Text.Json;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Rollout;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Waiting;

/// <summary>The pods a workload controls.</summary>
public static class PodsOf
{
    /// <summary>The pods in <paramref name="namespace"/> whose controller has <paramref name="controllerUid"/>, oldest first.</summary>
    public static async Task<List<Pod>> ControllerAsync(KubeApiClient api, KindCatalog kinds, string @namespace, string? controllerUid,
        CancellationToken cancellationToken)
    {
        if (controllerUid is null) return [];
        var (items, _) = await api.ListObjectsAsync(kinds.ForKind("v1", "Pod"), @namespace, null, null, cancellationToken);
        return items.Where(p => DeploymentRevisions.ControllerUid(p) == controllerUid)
            .Select(p => p.Deserialize<Pod>(KubeJson.Options)!)
            .OrderBy(p => p.Metadata.CreationTimestamp)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .ToList();
    }
}
