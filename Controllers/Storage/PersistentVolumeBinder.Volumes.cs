using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.Storage;

/// <summary>The volume side (Kubernetes' syncVolume): an unreserved volume is Available, a bound one Bound; one whose
/// claim is gone is Released and reclaimed by its policy.</summary>
public sealed partial class PersistentVolumeBinder
{
    public const string NoDeleterMessage = "no provisioner deletes this volume: it carries no pv.kubernetes.io/provisioned-by annotation";
    public const string RecycleMessage = "the Recycle reclaim policy is not supported";

    private async Task SyncVolumeAsync(PersistentVolume volume, CancellationToken cancellationToken)
    {
        if (volume.Spec.ClaimRef is not { } reference)
        {
            await SetVolumePhaseAsync(volume, PersistentVolumes.Available, null, cancellationToken);
            return;
        }
        if (string.IsNullOrEmpty(reference.Uid))
        {
            // Reserved by its author for a claim that is not bound yet: Available to that claim alone.
            await SetVolumePhaseAsync(volume, PersistentVolumes.Available, null, cancellationToken);
            return;
        }
        var claim = reference.Namespace is null || reference.Name is null ? null : _claims.Cache.Get(reference.Namespace, reference.Name);
        if (claim is not null && claim.Metadata.Uid != reference.Uid) claim = null;
        if (claim is null)
        {
            await ReclaimAsync(volume, cancellationToken);
        }
        else if (string.IsNullOrEmpty(claim.Spec.VolumeName))
        {
            // Reserved for the claim, which the claim side binds next.
            Queue.Add(ObjectKey.Of(claim));
        }
        else if (claim.Spec.VolumeName == volume.Metadata.Name)
        {
            await SetVolumePhaseAsync(volume, PersistentVolumes.Bound, null, cancellationToken);
        }
        else if (volume.Metadata.Annotations?.ContainsKey(PersistentVolumes.ProvisionedByAnnotation) == true
            && volume.Spec.PersistentVolumeReclaimPolicy == StorageClasses.ReclaimDelete)
        {
            // Provisioned for a claim that was bound to another volume meanwhile: nobody wants it.
            await ReclaimAsync(volume, cancellationToken);
        }
        else if (HasAnnotation(volume, PersistentVolumes.BoundByControllerAnnotation))
        {
            // The binder reserved it for a claim that went elsewhere: free it again.
            var annotations = new Dictionary<string, string>(volume.Metadata.Annotations!);
            annotations.Remove(PersistentVolumes.BoundByControllerAnnotation);
            var freed = await _api.ReplaceAsync(ResourceKind.PersistentVolume, volume with
            {
                Metadata = volume.Metadata with { Annotations = annotations.Count == 0 ? null : annotations },
                Spec = volume.Spec with { ClaimRef = null },
            }, cancellationToken);
            await SetVolumePhaseAsync(freed, PersistentVolumes.Available, null, cancellationToken);
        }
    }

    // The claim is gone: Released, then the policy. Delete belongs to the provisioner that made the volume (it watches
    // its Released volumes); a Delete volume nobody made, or Recycle, goes Failed.
    private async Task ReclaimAsync(PersistentVolume volume, CancellationToken cancellationToken)
    {
        if (volume.Status?.Phase is PersistentVolumes.Failed) return;
        if (volume.Status?.Phase is not PersistentVolumes.Released)
            volume = await SetVolumePhaseAsync(volume, PersistentVolumes.Released, null, cancellationToken);
        switch (volume.Spec.PersistentVolumeReclaimPolicy)
        {
            case StorageClasses.ReclaimDelete when volume.Metadata.Annotations?.ContainsKey(PersistentVolumes.ProvisionedByAnnotation) != true:
                await SetVolumePhaseAsync(volume, PersistentVolumes.Failed, NoDeleterMessage, cancellationToken);
                break;
            case StorageClasses.ReclaimRecycle:
                await SetVolumePhaseAsync(volume, PersistentVolumes.Failed, RecycleMessage, cancellationToken);
                break;
        }
    }

    private async Task<PersistentVolume> SetVolumePhaseAsync(PersistentVolume volume, string phase, string? message, CancellationToken cancellationToken)
    {
        if (volume.Status?.Phase == phase && volume.Status.Message == message) return volume;
        var status = new PersistentVolumeStatus
        {
            Phase = phase,
            Message = message,
            Reason = phase != PersistentVolumes.Failed ? null : message == RecycleMessage ? "VolumeFailedRecycle" : "VolumeFailedDelete",
            LastPhaseTransitionTime = volume.Status?.Phase == phase ? volume.Status.LastPhaseTransitionTime : _time.GetUtcNow().ToWholeSeconds(),
        };
        if (message is not null) LogVolumePhase(volume.Metadata.Name!, phase, message);
        return await _api.ReplaceStatusAsync(ResourceKind.PersistentVolume, volume with { Status = status }, cancellationToken);
    }
}
