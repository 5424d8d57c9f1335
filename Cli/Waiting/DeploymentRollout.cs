using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Rollout;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Waiting;

/// <summary>A Deployment's rollout, judged as kubectl rollout status judges it (its DeploymentStatusViewer), with the new
/// ReplicaSet and its pods as details (unless <paramref name="details"/> is false: rollout status shows none); a pod of
/// the new ReplicaSet that is stuck, or the Deployment's ProgressDeadlineExceeded, fails it.</summary>
public sealed class DeploymentRollout(KubeApiClient api, KindCatalog kinds, string @namespace, string name, bool details = true) : IReadinessCheck
{
    /// <summary>The Deployment, and its ReplicaSets and pods by its selector.</summary>
    public async Task<IReadOnlyList<WatchTarget>> TargetsAsync(CancellationToken cancellationToken)
    {
        var live = await api.GetObjectAsync(kinds.ForKind("apps/v1", "Deployment"), @namespace, name, cancellationToken);
        var selector = live is null ? null : WorkloadSelector.QueryOf(live);
        return
        [
            new(kinds.ForKind("apps/v1", "Deployment"), @namespace, $"metadata.name={name}"),
            new(kinds.ForKind("apps/v1", "ReplicaSet"), @namespace, LabelSelector: selector),
            new(kinds.ForKind("v1", "Pod"), @namespace, LabelSelector: selector),
        ];
    }

    public async Task<Progress> CheckAsync(CancellationToken cancellationToken)
    {
        var raw = await api.GetObjectAsync(kinds.ForKind("apps/v1", "Deployment"), @namespace, name, cancellationToken);
        if (raw is null) return Progress.Failed($"deployments.apps \"{name}\" not found");
        var deployment = raw.Deserialize<Deployment>(KubeJson.Options)!;
        var (lines, stuck) = await DetailsAsync(raw, cancellationToken);
        if (stuck is not null) return Progress.Failed(stuck, lines);
        return Judge(deployment, lines);
    }

    /// <summary>kubectl's verdict on a Deployment's status.</summary>
    public static Progress Judge(Deployment deployment, IReadOnlyList<string>? details = null)
    {
        var name = deployment.Metadata.Name;
        var status = deployment.Status ?? new DeploymentStatus();
        if ((deployment.Metadata.Generation ?? 0) > (status.ObservedGeneration ?? 0))
            return Progress.Waiting("Waiting for deployment spec update to be observed...", details);
        if (status.Conditions?.FirstOrDefault(c => c.Type == DeploymentConventions.Progressing) is { Reason: DeploymentConventions.ProgressDeadlineExceeded } progressing)
            return Progress.Failed($"deployment \"{name}\" exceeded its progress deadline{(string.IsNullOrEmpty(progressing.Message) ? "" : ": " + progressing.Message)}", details);
        var desired = deployment.Spec.Replicas ?? 1;
        var updated = status.UpdatedReplicas ?? 0;
        var replicas = status.Replicas ?? 0;
        var available = status.AvailableReplicas ?? 0;
        if (updated < desired)
            return Progress.Waiting($"Waiting for deployment \"{name}\" rollout to finish: {updated} out of {desired} new replicas have been updated...", details);
        if (replicas > updated)
            return Progress.Waiting($"Waiting for deployment \"{name}\" rollout to finish: {replicas - updated} old replicas are pending termination...", details);
        if (available < updated)
            return Progress.Waiting($"Waiting for deployment \"{name}\" rollout to finish: {available} of {updated} updated replicas are available...", details);
        return Progress.Done($"deployment \"{name}\" successfully rolled out", details);
    }

    // The new ReplicaSet's pods are read even without details: one of them stuck fails the rollout.
    private async Task<(IReadOnlyList<string> Lines, string? Stuck)> DetailsAsync(JsonObject deployment, CancellationToken cancellationToken)
    {
        var replicaSets = await DeploymentRevisions.ReplicaSetsOfAsync(api, kinds, deployment, cancellationToken);
        var newReplicaSet = DeploymentRevisions.NewReplicaSet(deployment, replicaSets);
        if (newReplicaSet is null) return (details ? ["new replicaset: not created yet"] : [], null);
        var pods = await PodsOf.ControllerAsync(api, kinds, newReplicaSet, cancellationToken);
        var stuck = pods.Select(PodStatusText.Stuck).FirstOrDefault(s => s is not null);
        if (!details) return ([], stuck);
        var rs = newReplicaSet.Deserialize<ReplicaSet>(KubeJson.Options)!;
        var lines = new List<string>
        {
            $"new replicaset {rs.Metadata.Name} (revision {DeploymentRevisions.Revision(newReplicaSet)?.ToString() ?? "?"}): "
            + $"{rs.Status?.ReadyReplicas ?? 0} of {rs.Spec.Replicas ?? 0} pods ready",
        };
        lines.AddRange(pods.Select(p => "  " + PodStatusText.Line(p)));
        return (lines, stuck);
    }
}
