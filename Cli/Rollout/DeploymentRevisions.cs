using System.Globalization;
using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Resources;
using EventOrch.Contracts.Model;

namespace EventOrch.Cli.Rollout;

/// <summary>A Deployment's revisions as kubectl finds them (k8s.io/kubectl/pkg/util/deployment): the ReplicaSets it
/// controls, each numbered by its <c>deployment.kubernetes.io/revision</c> annotation, the new one being the one whose
/// template is the Deployment's, the pod-template-hash label aside.</summary>
public static class DeploymentRevisions
{
    /// <summary>The ReplicaSets in the Deployment's namespace whose controller is the Deployment.</summary>
    public static async Task<List<JsonObject>> ReplicaSetsOfAsync(KubeApiClient api, KindCatalog kinds, JsonObject deployment,
        CancellationToken cancellationToken)
    {
        var uid = deployment["metadata"]?["uid"]?.GetValue<string>();
        var @namespace = deployment["metadata"]?["namespace"]?.GetValue<string>();
        var (items, _) = await api.ListObjectsAsync(kinds.ForKind("apps/v1", "ReplicaSet"), @namespace, null, null, cancellationToken);
        return items.Where(rs => ControllerUid(rs) == uid).ToList();
    }

    public static string? ControllerUid(JsonObject obj) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray ?? [])
            .FirstOrDefault(o => o?["controller"] is JsonValue c && c.TryGetValue<bool>(out var isController) && isController)?["uid"]?.GetValue<string>();

    public static long? Revision(JsonObject obj) =>
        obj["metadata"]?["annotations"]?[DeploymentConventions.RevisionAnnotation] is JsonValue value
        && long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : null;

    /// <summary>The ReplicaSet running the Deployment's current template, or null before the controller made it.</summary>
    public static JsonObject? NewReplicaSet(JsonObject deployment, IEnumerable<JsonObject> replicaSets) =>
        replicaSets
            .Where(rs => TemplatesEqualIgnoringHash(rs["spec"]?["template"], deployment["spec"]?["template"]))
            .OrderBy(rs => rs["metadata"]?["creationTimestamp"]?.GetValue<string>(), StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>kubectl's equalIgnoreHash: two pod templates alike once the pod-template-hash label is left out.</summary>
    public static bool TemplatesEqualIgnoringHash(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(WithoutHash(a), WithoutHash(b));

    /// <summary>A copy of a pod template without the pod-template-hash label (and without an emptied labels map).</summary>
    public static JsonNode? WithoutHash(JsonNode? template)
    {
        if (template is null) return null;
        var copy = JsonNode.Parse(template.ToJsonString())!;
        if (copy["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(DeploymentConventions.PodTemplateHashLabel);
            if (labels.Count == 0) ((JsonObject)copy["metadata"]!).Remove("labels");
        }
        return copy;
    }
}
