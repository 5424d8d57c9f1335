using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.KubeEvents;

/// <summary>Turns one domain event into the Kubernetes Events it means (Scheduled, Started, SuccessfulCreate, NodeReady,
/// ...), given the state of its object before it. Pure: the same event and state always give the same Events, with the
/// same names and uids, so a replay of the record rebuilds them exactly and a watch can produce them on the fly.</summary>
public static class KubeEventMapper
{
    /// <summary>How many Events one domain event may become; the i-th has position <c>sequence * 256 + i</c>.</summary>
    public const int MaxPerDomainEvent = 256;

    public static long PositionOf(long sequence, int index) => sequence * MaxPerDomainEvent + index;

    /// <summary>An Event's name: <c>{object}.{position in hex}</c>, as Kubernetes' <c>{object}.{hex time}</c>.</summary>
    public static string NameOf(string objectName, long position) => $"{objectName}.{position:x16}";

    /// <summary>The position an Event's name carries, if it is one of ours.</summary>
    public static bool TryParsePosition(string name, out long position)
    {
        position = 0;
        var dot = name.LastIndexOf('.');
        return dot > 0 && name.Length - dot - 1 == 16
            && long.TryParse(name.AsSpan(dot + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out position)
            && position > 0;
    }

    public static IReadOnlyList<KubeEvent> From(RecordedEvent e, IKubeObject? before, IEventSubjects subjects)
    {
        IEnumerable<EventDraft> drafts = e.Data switch
        {
            PodCreated or PodBound or PodStatusChanged or PodTerminationRequested or PodMetadataChanged or PodDeleted =>
                PodEventRules.For(e, before as Pod, subjects),
            NodeRegistered or NodeStatusChanged or NodeSpecChanged or NodeDeleted => NodeEventRules.For(e, before as Node),
            ReplicaSetCreated or ReplicaSetSpecChanged or ReplicaSetStatusChanged => WorkloadEventRules.For(e, before as ReplicaSet, subjects),
            ReplicationControllerStatusChanged changed when before is ReplicationController rc =>
                WorkloadEventRules.FailedCreate(e, rc, rc.Status, changed.Status, EventComponents.ReplicationController),
            HorizontalPodAutoscalerStatusChanged => AutoscalerEventRules.For(e, before as HorizontalPodAutoscaler),
            VolumeAttachmentStatusChanged changed when before is VolumeAttachment attachment => StorageEventRules.Attachment(e, attachment, changed.Status),
            PersistentVolumeClaimCreated created => StorageEventRules.ClaimCreated(e, created.PersistentVolumeClaim, subjects),
            PersistentVolumeClaimMetadataChanged changed when before is PersistentVolumeClaim claim => StorageEventRules.ClaimHandedOver(e, claim, changed.Changes),
            PersistentVolumeCreated created => StorageEventRules.VolumeProvisioned(e, created.PersistentVolume),
            PersistentVolumeSpecChanged changed when before is PersistentVolume volume => StorageEventRules.VolumeResized(e, volume, changed.Spec),
            _ => [],
        };
        return drafts.Take(MaxPerDomainEvent).Select((draft, index) => Complete(draft, e, index)).ToList();
    }

    private static KubeEvent Complete(EventDraft draft, RecordedEvent e, int index)
    {
        var position = PositionOf(e.Sequence, index);
        // eventTime is a MicroTime, the other timestamps have second precision.
        var at = new DateTimeOffset(e.Timestamp.UtcTicks - e.Timestamp.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
        var seconds = at.ToWholeSeconds();
        var annotations = new Dictionary<string, string>
        {
            [KubeEventAnnotations.DomainEvent] = e.Data.GetType().Name,
            [KubeEventAnnotations.DomainEventId] = e.Id.ToString(),
        };
        if (!string.IsNullOrEmpty(e.User)) annotations[KubeEventAnnotations.CausedBy] = e.User;
        if (!string.IsNullOrEmpty(e.CorrelationId)) annotations[KubeEventAnnotations.RequestId] = e.CorrelationId;
        return new KubeEvent
        {
            Metadata = new ObjectMeta
            {
                Name = NameOf(draft.Regarding.Name ?? "", position),
                // Cluster-scoped objects' Events go to default, as Kubernetes puts them.
                Namespace = string.IsNullOrEmpty(draft.Regarding.Namespace) ? SystemNamespaces.Default : draft.Regarding.Namespace,
                Uid = UidOf(e.Id, index),
                ResourceVersion = e.Sequence.ToString(CultureInfo.InvariantCulture),
                CreationTimestamp = seconds,
                Annotations = annotations,
            },
            InvolvedObject = draft.Regarding,
            Reason = draft.Reason,
            Message = draft.Message,
            Source = new EventSource { Component = draft.Component, Host = draft.Host },
            FirstTimestamp = seconds,
            LastTimestamp = seconds,
            Count = 1,
            Type = draft.Type,
            EventTime = at,
            Action = draft.Action,
            ReportingComponent = draft.Component,
            ReportingInstance = draft.Host ?? "",
        };
    }

    // Stable across replays: derived from the domain event's id and the Event's index.
    private static string UidOf(Guid eventId, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{eventId:N}/{index}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
