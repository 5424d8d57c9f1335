using EventOrch.Contracts.Model;
using static EventOrch.Contracts.KubeEvents.EventReferences;

namespace EventOrch.Contracts.KubeEvents;

/// <summary>What an attachment's status means, in the attach/detach controller's words: the volume attached to its node,
/// or not, with the reason (another node holding a ReadWriteOnce volume: Multi-Attach). The Events are about the
/// VolumeAttachment (Kubernetes reports them on the pods; here the attachment knows no pod).</summary>
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
}
