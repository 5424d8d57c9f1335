using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;
using EventOrch.Contracts.Validation;

namespace EventOrch.Controllers.Storage;

/// <summary>The claim side (Kubernetes' syncClaim): an unbound claim is bound, handed to a provisioner or left
/// Pending; a claim that names a volume has the binding finished on both sides, or is Lost when its volume is.</summary>
public sealed partial class PersistentVolumeBinder
{
    private async Task SyncClaimAsync(PersistentVolumeClaim claim, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(claim.Spec.VolumeName))
        {
            await SyncUnboundClaimAsync(claim, cancellationToken);
            return;
        }
        var volume = _volumes.Cache.Get(null, claim.Spec.VolumeName);
        if (volume is null)
        {
            // A claim that was bound lost its volume; one naming a volume not made yet waits for it.
            var phase = HasAnnotation(claim, PersistentVolumes.BindCompletedAnnotation) ? PersistentVolumes.Lost : PersistentVolumes.Pending;
            await SetClaimStatusAsync(claim, phase, null, cancellationToken);
        }
        else if (volume.Spec.ClaimRef is null)
        {
            // The user asked for this volume by name: it is given if it satisfies the claim.
            if (VolumeMatching.Unsatisfied(claim, volume) is null && volume.Metadata.DeletionTimestamp is null) await BindAsync(claim, volume, cancellationToken);
            else await SetClaimStatusAsync(claim, PersistentVolumes.Pending, null, cancellationToken);
        }
        else if (PersistentVolumes.IsPreBoundTo(volume, claim))
        {
            await BindAsync(claim, await ExpandAsync(claim, volume, cancellationToken), cancellationToken);
        }
        else
        {
            var phase = HasAnnotation(claim, PersistentVolumes.BindCompletedAnnotation) ? PersistentVolumes.Lost : PersistentVolumes.Pending;
            await SetClaimStatusAsync(claim, phase, null, cancellationToken);
        }
    }

    private async Task SyncUnboundClaimAsync(PersistentVolumeClaim claim, CancellationToken cancellationToken)
    {
        if (claim.Metadata.DeletionTimestamp is not null) return;
        var className = claim.Spec.StorageClassName ?? "";
        var storageClass = className.Length == 0 ? null : _classes.Cache.Get(null, className);
        var delay = storageClass?.VolumeBindingMode == StorageClasses.BindingWaitForFirstConsumer;
        var selectedName = claim.Metadata.Annotations?.GetValueOrDefault(PersistentVolumes.SelectedNodeAnnotation);
        var selectedNode = selectedName is null ? null : _nodes.Cache.Get(null, selectedName);
        var match = VolumeMatching.FindBestMatch(claim, _volumes.Cache.List(), selectedNode, delay);
        if (match is not null)
        {
            await BindAsync(claim, match, cancellationToken);
            return;
        }
        if (storageClass is not { Provisioner.Length: > 0 } || HasAnnotation(claim, PersistentVolumes.StorageProvisionerAnnotation)) return;
        if (delay && selectedName is null) return;
        var metadata = claim.Metadata.WithAnnotation(PersistentVolumes.StorageProvisionerAnnotation, storageClass.Provisioner);
        // A local volume lives on one node: for an Immediate class no scheduler picks it, so the binder does.
        if (storageClass.Provisioner == StorageClasses.LocalProvisioner && selectedName is null)
        {
            if (PickNodeForLocalVolume() is not { } node) throw new InvalidOperationException($"no Ready schedulable node for the local claim {ObjectKey.Of(claim)}");
            metadata = metadata.WithAnnotation(PersistentVolumes.SelectedNodeAnnotation, node);
        }
        await _api.ReplaceAsync(ResourceKind.PersistentVolumeClaim, claim with { Metadata = metadata }, cancellationToken);
        LogHandedToProvisioner(ObjectKey.Of(claim), storageClass.Provisioner);
    }

    // The resizer (Kubernetes' external-resizer and the kubelet's expansion): a bound claim that asks for more than its
    // volume holds (the Api let it grow only if its class allows expansion) gets a volume of that capacity, if one of
    // EventOrch's provisioners made it. Their directories and Docker volumes have no size of their own, so nothing else
    // changes; the claim's status then takes the new capacity from its volume. A volume made by anything else is left.
    private async Task<PersistentVolume> ExpandAsync(PersistentVolumeClaim claim, PersistentVolume volume, CancellationToken cancellationToken)
    {
        if (claim.Status?.Phase != PersistentVolumes.Bound
            || volume.Metadata.Annotations?.GetValueOrDefault(PersistentVolumes.ProvisionedByAnnotation) is not (StorageClasses.LocalProvisioner or StorageClasses.SharedProvisioner)
            || PersistentVolumeClaimValidation.StorageOf(claim.Spec) is not { } requested
            || !Quantity.TryParse(requested, out var wanted)
            || (Quantity.TryParse(volume.Spec.Capacity?.GetValueOrDefault("storage"), out var held) && wanted <= held))
        {
            return volume;
        }
        var capacity = new Dictionary<string, string>(volume.Spec.Capacity ?? []) { ["storage"] = requested };
        volume = await _api.ReplaceAsync(ResourceKind.PersistentVolume, volume with { Spec = volume.Spec with { Capacity = capacity } }, cancellationToken);
        LogExpanded(volume.Metadata.Name!, requested, ObjectKey.Of(claim));
        return volume;
    }

    // The Ready, schedulable node that claims have selected least, then by name.
    private string? PickNodeForLocalVolume()
    {
        var selected = _claims.Cache.List().Select(c => c.Metadata.Annotations?.GetValueOrDefault(PersistentVolumes.SelectedNodeAnnotation))
            .Where(n => n is not null).GroupBy(n => n!).ToDictionary(g => g.Key, g => g.Count());
        return _nodes.Cache.List()
            .Where(n => n.Spec.Unschedulable != true && n.Metadata.DeletionTimestamp is null && n.IsReady())
            .Select(n => n.Metadata.Name!).OrderBy(n => selected.GetValueOrDefault(n)).ThenBy(n => n, StringComparer.Ordinal).FirstOrDefault();
    }

    // Kubernetes' bind: the volume's claimRef and phase first (a crash in between leaves a volume reserved for the claim,
    // which the next pass finishes), then the claim's volumeName and phase.
    private async Task BindAsync(PersistentVolumeClaim claim, PersistentVolume volume, CancellationToken cancellationToken)
    {
        var reference = new ObjectReference
        {
            ApiVersion = "v1", Kind = "PersistentVolumeClaim", Namespace = claim.Metadata.Namespace, Name = claim.Metadata.Name,
            Uid = claim.Metadata.Uid, ResourceVersion = claim.Metadata.ResourceVersion,
        };
        if (volume.Spec.ClaimRef is not { } current || current.Uid != claim.Metadata.Uid)
        {
            var metadata = volume.Spec.ClaimRef is null ? volume.Metadata.WithAnnotation(PersistentVolumes.BoundByControllerAnnotation, "yes") : volume.Metadata;
            volume = await _api.ReplaceAsync(ResourceKind.PersistentVolume, volume with { Metadata = metadata, Spec = volume.Spec with { ClaimRef = reference } },
                cancellationToken);
        }
        await SetVolumePhaseAsync(volume, PersistentVolumes.Bound, null, cancellationToken);

        if (claim.Spec.VolumeName != volume.Metadata.Name || !HasAnnotation(claim, PersistentVolumes.BindCompletedAnnotation))
        {
            var metadata = claim.Metadata.WithAnnotation(PersistentVolumes.BindCompletedAnnotation, "yes");
            if (string.IsNullOrEmpty(claim.Spec.VolumeName)) metadata = metadata.WithAnnotation(PersistentVolumes.BoundByControllerAnnotation, "yes");
            claim = await _api.ReplaceAsync(ResourceKind.PersistentVolumeClaim,
                claim with { Metadata = metadata, Spec = claim.Spec with { VolumeName = volume.Metadata.Name } }, cancellationToken);
        }
        if (await SetClaimStatusAsync(claim, PersistentVolumes.Bound, volume, cancellationToken)) LogBound(ObjectKey.Of(claim), volume.Metadata.Name!);
    }

    // True when the status was written.
    private async Task<bool> SetClaimStatusAsync(PersistentVolumeClaim claim, string phase, PersistentVolume? volume, CancellationToken cancellationToken)
    {
        var status = (claim.Status ?? new PersistentVolumeClaimStatus()) with
        {
            Phase = phase,
            AccessModes = volume is null ? claim.Status?.AccessModes : volume.Spec.AccessModes,
            Capacity = volume is null ? claim.Status?.Capacity : volume.Spec.Capacity,
        };
        if (Contracts.Serialization.KubeJson.Equal(claim.Status, status)) return false;
        await _api.ReplaceStatusAsync(ResourceKind.PersistentVolumeClaim, claim with { Status = status }, cancellationToken);
        return true;
    }
}
