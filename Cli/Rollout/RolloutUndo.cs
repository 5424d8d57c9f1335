using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Rollout;

/// <summary>kubectl rollout undo for Deployments (k8s.io/kubectl/pkg/polymorphichelpers/rollback.go): find the ReplicaSet
/// of the revision asked for (the one before the newest when none is), and put its pod template, without the
/// pod-template-hash label, back into the Deployment, with its annotations (those the Deployment keeps for itself aside).</summary>
public static class RolloutUndo
{
    /// <summary>Annotations the Deployment keeps as they are rather than taking them from the ReplicaSet.</summary>
    public static readonly IReadOnlySet<string> AnnotationsToSkip = new HashSet<string>(StringComparer.Ordinal)
    {
        Apply.LastAppliedConfiguration.Annotation,
        DeploymentConventions.RevisionAnnotation,
        DeploymentConventions.RevisionHistoryAnnotation,
        DeploymentConventions.DesiredReplicasAnnotation,
        DeploymentConventions.MaxReplicasAnnotation,
        "deprecated.deployment.rollback.to",
    };

    /// <summary>The ReplicaSet of <paramref name="toRevision"/>, or with 0 the second newest revision.</summary>
    public static JsonObject FindRevision(string deploymentName, IEnumerable<JsonObject> replicaSets, long toRevision)
    {
        if (toRevision < 0) throw new CliException($"unable to find specified revision {toRevision} in history");
        var numbered = replicaSets.Select(rs => (ReplicaSet: rs, Revision: DeploymentRevisions.Revision(rs)))
            .Where(r => r.Revision is not null)
            .OrderByDescending(r => r.Revision)
            .ToList();
        if (toRevision > 0)
            return numbered.FirstOrDefault(r => r.Revision == toRevision).ReplicaSet
                ?? throw new CliException($"unable to find specified revision {toRevision} in history");
        if (numbered.Count < 2) throw new CliException($"no rollout history found for deployment \"{deploymentName}\"");
        return numbered[1].ReplicaSet;
    }

    /// <summary>The Deployment's template and annotations restored from <paramref name="replicaSet"/>.</summary>
    public static (JsonObject Template, JsonObject Annotations) Restore(JsonObject deployment, JsonObject replicaSet)
    {
        var template = JsonSerializer.SerializeToNode(
            DeploymentConventions.WithoutHash(DeploymentRevisions.TemplateOf(replicaSet) ?? new PodTemplateSpec()), KubeJson.Options)!.AsObject();
        var annotations = new JsonObject();
        foreach (var (key, value) in deployment["metadata"]?["annotations"] as JsonObject ?? [])
        {
            if (AnnotationsToSkip.Contains(key)) annotations[key] = value?.DeepClone();
        }
        foreach (var (key, value) in replicaSet["metadata"]?["annotations"] as JsonObject ?? [])
        {
            if (!AnnotationsToSkip.Contains(key)) annotations[key] = value?.DeepClone();
        }
        return (template, annotations);
    }
}
