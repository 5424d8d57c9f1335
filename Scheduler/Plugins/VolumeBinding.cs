using EventOrch.Contracts.Selectors;
using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;
using EventOrch.Scheduler.Volumes;

namespace EventOrch.Scheduler.Plugins;

/// <summary>The pod's persistentVolumeClaim volumes must be usable on the node, as Kubernetes' VolumeBinding plugin
/// decides: every claim exists and is not being deleted; a bound claim's volume exists and its node affinity allows the
/// node; an unbound claim waits for its first consumer (an unbound claim that binds at once must be bound first), and
/// one whose node is already chosen keeps its pods to that node.</summary>
public sealed class VolumeBinding(IVolumeLookup lookup) : IFilterPlugin
{
    public const string PluginName = "VolumeBinding";
    public const string UnboundImmediateReason = "pod has unbound immediate PersistentVolumeClaims";
    public const string NodeConflictReason = "node(s) had volume node affinity conflict";
    public const string BindConflictReason = "node(s) didn't find available persistent volumes to bind";
    public const string VolumeMissingReason = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";

    public static string ClaimNotFoundReason(string claim) => $"persistentvolumeclaim \"{claim}\" not found";

    public static string ClaimDeletingReason(string claim) => $"persistentvolumeclaim \"{claim}\" is being deleted";

    public string Name => PluginName;

    public FilterResult Filter(Pod pod, NodeInfo node)
    {
        var reasons = new List<string>();
        foreach (var name in PersistentVolumes.ClaimsOf(pod))
        {
            // Kubernetes rejects these in PreFilter, for every node at once, before looking at any volume.
            var claim = lookup.Claim(pod.Metadata.Namespace ?? "default", name);
            if (claim is null) return FilterResult.Unfit(ClaimNotFoundReason(name));
            if (claim.Metadata.DeletionTimestamp is not null) return FilterResult.Unfit(ClaimDeletingReason(name));
            if (!PodClaims.IsBound(claim) && !PodClaims.DelaysBinding(claim, lookup)) return FilterResult.Unfit(UnboundImmediateReason);

            if (PodClaims.IsBound(claim))
            {
                var volume = lookup.Volume(claim.Spec.VolumeName!);
                if (volume is null) reasons.Add(VolumeMissingReason);
                else if (!NodeSelectorMatching.VolumeAllows(volume, node.Node))
                    reasons.Add(NodeConflictReason);
            }
            else if (PodClaims.SelectedNode(claim) is { } selected && selected != node.Name)
            {
                // Its volume is being provisioned for another node.
                reasons.Add(BindConflictReason);
            }
        }
        return reasons.Count == 0 ? FilterResult.Fit : FilterReasons.Unfit(reasons.Distinct(StringComparer.Ordinal));
    }
}
