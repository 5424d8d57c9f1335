using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Resources;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Rollout;

/// <summary>A Deployment's revisions as kubectl finds them (k8s.io/kubectl/pkg/util/deployment): the ReplicaSets it
/// controls, each numbered by its <c>deployment.kubernetes.io/revision</c> annotation, the new one being the one whose
/// template is the Deployment's, the pod-template-hash label aside.</summary>
public static class DeploymentRevisions
{
    /// <summary>The ReplicaSets whose controller is the Deployment: listed by its selector, then told by their controller
    /// reference.</summary>
    public static async Task<List<JsonObject>> ReplicaSetsOfAsync(KubeApiClient api, KindCatalog kinds, JsonObject deployment,
        CancellationToken cancellationToken)
    {
        var uid = deployment["metadata"]?["uid"]?.GetValue<string>();
        var @namespace = deployment["metadata"]?["namespace"]?.GetValue<string>();
        var (items, _) = await api.ListObjectsAsync(kinds.ForKind("apps/v1", "ReplicaSet"), @namespace, WorkloadSelector.QueryOf(deployment), null,
            cancellationToken);
        return items.Where(rs => ControllerUid(rs) == uid).ToList();
    }

    public static string? ControllerUid(JsonObject obj) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray ?? [])
            .FirstOrDefault(o => o?["controller"] is JsonValue c && c.TryGetValue<bool>(out var isController) && isController)?["uid"]?.GetValue<string>();

    public static long? Revision(JsonObject obj) =>
        obj["metadata"]?["annotations"]?[DeploymentConventions.RevisionAnnotation] is JsonValue value
        && long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : null;

    /// <summary>The ReplicaSet running the Deployment's current template, or null before the controller made it.</summary>
    public static JsonObject? NewReplicaSet(JsonObject deployment, IEnumerable<JsonObject> replicaSets)
    {
        var template = TemplateOf(deployment);
        return replicaSets
            .Where(rs => DeploymentConventions.SameTemplateIgnoringHash(TemplateOf(rs), template))
            .OrderBy(rs => rs["metadata"]?["creationTimestamp"]?.GetValue<string>(), StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>The pod template of a Deployment or ReplicaSet (spec.template), or null when it has none.</summary>
    public static PodTemplateSpec? TemplateOf(JsonObject obj) => obj["spec"]?["template"]?.Deserialize<PodTemplateSpec>(KubeJson.Options);
}
