using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Scheduler.Volumes;

/// <summary>VolumeBinding's PreBind: before a pod is bound to a node, each of its unbound claims that waits for its
/// first consumer is annotated with that node (volume.kubernetes.io/selected-node), so the binder and the provisioner
/// make or pick its volume there.</summary>
public sealed class VolumePreBinder(IVolumeLookup lookup, KubeApiClient api)
{
    public async Task PreBindAsync(Pod pod, string node, CancellationToken cancellationToken)
    {
        var ns = pod.Metadata.Namespace ?? "default";
        foreach (var name in PersistentVolumes.ClaimsOf(pod))
        {
            if (lookup.Claim(ns, name) is not { } claim || PodClaims.IsBound(claim) || !PodClaims.DelaysBinding(claim, lookup)) continue;
            if (PodClaims.SelectedNode(claim) == node) continue;
            var patch = new { metadata = new { annotations = new Dictionary<string, string> { [PersistentVolumes.SelectedNodeAnnotation] = node } } };
            await api.PatchAsync<PersistentVolumeClaim>(ResourceKind.PersistentVolumeClaim, ns, name, patch, cancellationToken);
        }
    }
}
