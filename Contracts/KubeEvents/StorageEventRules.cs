using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;
using static EventOrch.Contracts.KubeEvents.EventReferences;

namespace EventOrch.Contracts.KubeEvents;

/// <summary>What the storage kinds' events mean, in Kubernetes' words. An attachment's status: the volume attached to its
/// node, or not, with the reason (another node holding a ReadWriteOnce volume: Multi-Attach); those Events are about the
/// VolumeAttachment (Kubernetes reports them on the pods; here the attachment knows no pod). A claim's way to its
/// volume, as the persistent volume controller and the provisioners report it on the claim: waiting for its first pod,
/// its class missing, handed to a provisioner, provisioned, and its volume grown.</summary>
internal static class StorageEventRules
{
    public static IEnumerable<EventDraft> Attachment(RecordedEvent e, VolumeAttachment before, VolumeAttachmentStatus after)
    {
        var volume = before.Spec.Source.PersistentVolumeName;
        if (after.Attached && before.Status?.Attached != true)
        {
            yield return EventDraft.Normal(To(before, e), EventReasons.SuccessfulAttachVolume,
                $"AttachVolume.Attach succeeded for volume \"{volume}\" on node \"{before.Spec.NodeName}\"", EventComponents.AttachDetachController);
        }
        else if (!after.Attached && after.AttachError?.Message is { Length: > 0 } why && why != before.Status?.AttachError?.Message)
        {
            yield return EventDraft.Warning(To(before, e), EventReasons.FailedAttachVolume, why, EventComponents.AttachDetachController);
        }
    }

    /// <summary>A new claim that no volume is named for and that names a class: the class is missing (nothing can provision
    /// it), or it binds only once a pod using the claim is scheduled. Kubernetes repeats these while the claim waits;
    /// the record has them once, as the claim was created.</summary>
    public static IEnumerable<EventDraft> ClaimCreated(RecordedEvent e, PersistentVolumeClaim claim, IEventSubjects subjects)
    {
        if (!string.IsNullOrEmpty(claim.Spec.VolumeName) || claim.Spec.StorageClassName is not { Length: > 0 } className) yield break;
        var storageClass = subjects.FindStorageClass(className);
        if (storageClass is null)
        {
            yield return EventDraft.Warning(To(claim, e), EventReasons.ProvisioningFailed, $"storageclass.storage.k8s.io \"{className}\" not found",
                EventComponents.PersistentVolumeController);
        }
        else if (storageClass.VolumeBindingMode == StorageClasses.BindingWaitForFirstConsumer
            && claim.Metadata.Annotations?.ContainsKey(PersistentVolumes.SelectedNodeAnnotation) != true)
        {
            yield return EventDraft.Normal(To(claim, e), EventReasons.WaitForFirstConsumer, "waiting for first consumer to be created before binding",
                EventComponents.PersistentVolumeController);
        }
    }

    /// <summary>The binder handing a claim to its class's provisioner (the storage-provisioner annotation appearing).</summary>
    public static IEnumerable<EventDraft> ClaimHandedOver(RecordedEvent e, PersistentVolumeClaim before, MetadataChanges changes)
    {
        if (!e.ByComponent || changes.Annotations?.GetValueOrDefault(PersistentVolumes.StorageProvisionerAnnotation) is not { Length: > 0 } provisioner
            || before.Metadata.Annotations?.ContainsKey(PersistentVolumes.StorageProvisionerAnnotation) == true)
        {
            yield break;
        }
        yield return EventDraft.Normal(To(before, e), EventReasons.ExternalProvisioning,
            $"waiting for a volume to be created, either by external provisioner \"{provisioner}\" or manually created by system administrator",
            EventComponents.PersistentVolumeController);
    }

    /// <summary>A bound volume grown by the resizer (the binder, for EventOrch's provisioners): reported on its claim.</summary>
    public static IEnumerable<EventDraft> VolumeResized(RecordedEvent e, PersistentVolume before, PersistentVolumeSpec after)
    {
        if (!e.ByComponent || after.ClaimRef is not { Uid.Length: > 0 } claim
            || !Quantity.TryParse(after.Capacity?.GetValueOrDefault("storage"), out var grown)
            || !Quantity.TryParse(before.Spec.Capacity?.GetValueOrDefault("storage"), out var was) || grown <= was)
        {
            yield break;
        }
        var resizer = before.Metadata.Annotations?.GetValueOrDefault(PersistentVolumes.ProvisionedByAnnotation) ?? VolumeAttachments.Attacher;
        yield return EventDraft.Normal(ClaimOf(claim), EventReasons.VolumeResizeSuccessful,
            $"resize volume \"{before.Metadata.Name}\" by resizer \"{resizer}\" finished successfully", $"external-resizer {resizer}");
    }

    /// <summary>A provisioner's new volume, reserved for the claim it was made for: reported on that claim, by the provisioner.</summary>
    public static IEnumerable<EventDraft> VolumeProvisioned(RecordedEvent e, PersistentVolume volume)
    {
        if (!e.ByComponent || volume.Spec.ClaimRef is not { Uid.Length: > 0 } claim
            || volume.Metadata.Annotations?.GetValueOrDefault(PersistentVolumes.ProvisionedByAnnotation) is not { Length: > 0 } provisioner)
        {
            yield break;
        }
        yield return EventDraft.Normal(ClaimOf(claim), EventReasons.ProvisioningSucceeded, $"Successfully provisioned volume {volume.Metadata.Name}", provisioner);
    }

    // A volume's claimRef, as the reference of an Event about the claim.
    private static ObjectReference ClaimOf(ObjectReference claimRef) => claimRef with { ApiVersion = "v1", Kind = "PersistentVolumeClaim", FieldPath = null };
}
