using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Rollout;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Waiting;

/// <summary>The pods a workload controls.</summary>
public static class PodsOf
{
    /// <summary>The pods whose controller is <paramref name="owner"/> (a ReplicaSet, a ReplicationController), oldest first:
    /// listed by the owner's selector, then told by their controller reference, as kubectl does.</summary>
    public static async Task<List<Pod>> ControllerAsync(KubeApiClient api, KindCatalog kinds, JsonObject owner, CancellationToken cancellationToken)
    {
        if (owner["metadata"]?["uid"]?.GetValue<string>() is not { } controllerUid) return [];
        var @namespace = owner["metadata"]?["namespace"]?.GetValue<string>();
        var (items, _) = await api.ListObjectsAsync(kinds.ForKind("v1", "Pod"), @namespace, WorkloadSelector.QueryOf(owner), null, cancellationToken);
        return items.Where(p => DeploymentRevisions.ControllerUid(p) == controllerUid)
            .Select(p => p.Deserialize<Pod>(KubeJson.Options)!)
            .OrderBy(p => p.Metadata.CreationTimestamp)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .ToList();
    }
}
