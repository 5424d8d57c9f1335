using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;
using EventOrch.Contracts.Selectors;
using EventOrch.Contracts.Validation;

namespace EventOrch.Controllers.Storage;

/// <summary>Which volume a claim binds to, as Kubernetes' FindMatchingVolume: a volume pre-bound to the claim (its
/// claimRef names it) wins outright; otherwise the smallest Available, unreserved volume of the claim's class whose
/// capacity covers the request, whose access modes include the claim's, whose volume mode is the claim's and whose
/// labels the claim's selector matches. A claim with a selected node only takes a volume whose node affinity allows
/// that node; a claim of a WaitForFirstConsumer class without one binds nothing yet.</summary>
public static class VolumeMatching
{
    public static PersistentVolume? FindBestMatch(PersistentVolumeClaim claim, IEnumerable<PersistentVolume> volumes, Node? selectedNode,
        bool delayBinding)
    {
        var requested = RequestOf(claim);
        var selector = claim.Spec.Selector is null ? LabelSelector.Everything : LabelSelectorSpec.SelectorOf(claim.Spec.Selector);
        PersistentVolume? smallest = null;
        var smallestSize = default(Quantity);
        foreach (var volume in volumes)
        {
            if (!Quantity.TryParse(volume.Spec.Capacity?.GetValueOrDefault("storage"), out var size) || size < requested) continue;
            if (VolumeModeOf(volume.Spec.VolumeMode) != VolumeModeOf(claim.Spec.VolumeMode)) continue;
            if (volume.Metadata.DeletionTimestamp is not null) continue;
            if (!AccessModesSatisfy(claim, volume)) continue;
            var affinityAllows = selectedNode is null || NodeSelectorMatching.VolumeAllows(volume, selectedNode);
            if (PersistentVolumes.IsPreBoundTo(volume, claim)) return affinityAllows ? volume : null;
            if (selectedNode is null && delayBinding) continue;
            if (volume.Status?.Phase != PersistentVolumes.Available || volume.Spec.ClaimRef is not null) continue;
            if (!selector.Matches(volume.Metadata.Labels)) continue;
            if ((volume.Spec.StorageClassName ?? "") != (claim.Spec.StorageClassName ?? "")) continue;
            if (!affinityAllows) continue;
            if (smallest is null || size < smallestSize) (smallest, smallestSize) = (volume, size);
        }
        return smallest;
    }

    /// <summary>Every access mode the claim asks for is one the volume offers.</summary>
    public static bool AccessModesSatisfy(PersistentVolumeClaim claim, PersistentVolume volume) =>
        (claim.Spec.AccessModes ?? []).All(mode => volume.Spec.AccessModes?.Contains(mode) == true);

    /// <summary>What a volume given to this claim must satisfy when the claim names it (spec.volumeName): size, class,
    /// volume mode and access modes. Null when it does, else why not.</summary>
    public static string? Unsatisfied(PersistentVolumeClaim claim, PersistentVolume volume)
    {
        if (!Quantity.TryParse(volume.Spec.Capacity?.GetValueOrDefault("storage"), out var size) || size < RequestOf(claim))
            return "requested PV is too small";
        if ((volume.Spec.StorageClassName ?? "") != (claim.Spec.StorageClassName ?? "")) return "storageClassName does not match";
        if (VolumeModeOf(volume.Spec.VolumeMode) != VolumeModeOf(claim.Spec.VolumeMode)) return "incompatible volumeMode";
        if (!AccessModesSatisfy(claim, volume)) return "incompatible accessMode";
        return null;
    }

    public static Quantity RequestOf(PersistentVolumeClaim claim) =>
        Quantity.TryParse(PersistentVolumeClaimValidation.StorageOf(claim.Spec), out var request) ? request : default;

    private static string VolumeModeOf(string? mode) => string.IsNullOrEmpty(mode) ? PersistentVolumes.Filesystem : mode;
}
