using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Rollout;
using EventOrch.Cli.Waiting;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Describe;

/// <summary>The lines kubectl describe puts first for the kinds people describe most: a pod's node, status and IP; a
/// workload's replica counts and (for a Deployment) its new ReplicaSet; a Service's endpoints.</summary>
public static class KindSummaries
{
    public static async Task WriteAsync(DescribeWriter writer, KubeApiClient api, KindCatalog kinds, JsonObject obj, CancellationToken cancellationToken)
    {
        var @namespace = obj["metadata"]?["namespace"]?.GetValue<string>();
        switch ((obj["apiVersion"]?.GetValue<string>(), obj["kind"]?.GetValue<string>()))
        {
            case ("v1", "Pod"):
                var pod = obj.Deserialize<Pod>(KubeJson.Options)!;
                writer.Line(0, "Node", pod.Spec.NodeName is null ? "<none>" : $"{pod.Spec.NodeName}/{pod.Status?.HostIP ?? "<none>"}");
                writer.Line(0, "Status", PodStatusText.Status(pod));
                writer.Line(0, "IP", pod.Status?.PodIP ?? "<none>");
                break;
            case ("apps/v1", "Deployment"):
                var deployment = obj.Deserialize<Deployment>(KubeJson.Options)!;
                var status = deployment.Status ?? new DeploymentStatus();
                writer.Line(0, "Replicas", $"{deployment.Spec.Replicas ?? 1} desired | {status.UpdatedReplicas ?? 0} updated | {status.Replicas ?? 0} total | "
                    + $"{status.AvailableReplicas ?? 0} available | {status.UnavailableReplicas ?? 0} unavailable");
                writer.Line(0, "StrategyType", deployment.Spec.Strategy?.Type ?? "<none>");
                if (@namespace is not null)
                {
                    var replicaSets = await DeploymentRevisions.ReplicaSetsOfAsync(api, kinds, obj, cancellationToken);
                    var newest = DeploymentRevisions.NewReplicaSet(obj, replicaSets);
                    writer.Line(0, "NewReplicaSet", newest is null ? "<none>" : ReplicaSetLine(newest));
                    var old = replicaSets.Where(rs => rs != newest && (rs["status"]?["replicas"]?.GetValue<int>() ?? 0) > 0).Select(ReplicaSetLine).ToList();
                    writer.Line(0, "OldReplicaSets", old.Count == 0 ? "<none>" : string.Join(", ", old));
                }
                break;
            case ("apps/v1", "ReplicaSet") or ("v1", "ReplicationController"):
                var replicas = obj["spec"]?["replicas"]?.GetValue<int>() ?? 1;
                var rsStatus = obj["status"]?.Deserialize<ReplicaSetStatus>(KubeJson.Options) ?? new ReplicaSetStatus();
                writer.Line(0, "Replicas", $"{rsStatus.Replicas} current / {replicas} desired");
                if (@namespace is not null)
                {
                    var pods = await PodsOf.ControllerAsync(api, kinds, obj, cancellationToken);
                    int Count(string phase) => pods.Count(p => p.Status?.Phase == phase);
                    writer.Line(0, "Pods Status", $"{Count(PodPhases.Running)} Running / {Count(PodPhases.Pending)} Waiting / "
                        + $"{Count(PodPhases.Succeeded)} Succeeded / {Count(PodPhases.Failed)} Failed");
                }
                break;
            case ("v1", "Service") when @namespace is not null:
                var endpoints = await api.GetObjectAsync(kinds.ForKind("v1", "Endpoints"), @namespace, obj["metadata"]!["name"]!.GetValue<string>(), cancellationToken);
                var addresses = (endpoints?.Deserialize<Endpoints>(KubeJson.Options)?.Subsets ?? [])
                    .SelectMany(s => (s.Addresses ?? []).SelectMany(a => (s.Ports ?? []).DefaultIfEmpty().Select(p => p is null ? a.Ip : $"{a.Ip}:{p.Port}")))
                    .ToList();
                writer.Line(0, "Endpoints", addresses.Count == 0 ? "<none>" : string.Join(",", addresses));
                break;
        }
    }

    private static string ReplicaSetLine(JsonObject rs) =>
        $"{rs["metadata"]?["name"]?.GetValue<string>()} ({rs["status"]?["replicas"]?.GetValue<int>() ?? 0}/{rs["spec"]?["replicas"]?.GetValue<int>() ?? 0} replicas created)";
}
