using EventOrch.Contracts.Model;

namespace EventOrch.Scheduler.Volumes;

/// <summary>A pod's claims as the VolumeBinding plugin sorts them.</summary>
public static class PodClaims
{
    /// <summary>Bound: the claim names its volume (spec.volumeName is set once, by the binder or the claim's author).</summary>
    public static bool IsBound(PersistentVolumeClaim claim) => !string.IsNullOrEmpty(claim.Spec.VolumeName);

    /// <summary>Whether an unbound claim waits for its first pod to be scheduled: its class binds WaitForFirstConsumer.
    /// A claim of no class, or of a class that does not exist, binds at once.</summary>
    public static bool DelaysBinding(PersistentVolumeClaim claim, IVolumeLookup lookup) =>
        !string.IsNullOrEmpty(claim.Spec.StorageClassName)
        && lookup.Class(claim.Spec.StorageClassName)?.VolumeBindingMode == StorageClasses.BindingWaitForFirstConsumer;

    /// <summary>The node the scheduler chose for the claim's first pod, if any.</summary>
    public static string? SelectedNode(PersistentVolumeClaim claim) =>
        claim.Metadata.Annotations?.GetValueOrDefault(PersistentVolumes.SelectedNodeAnnotation) is { Length: > 0 } node ? node : null;
}
