using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.KubeEvents;

/// <summary>The kinds the Event mapping knows the state of, folded with their own evolvers: pods, nodes, ReplicaSets,
/// ReplicationControllers (FailedCreate), HorizontalPodAutoscalers, VolumeAttachments, PersistentVolumeClaims and
/// PersistentVolumes, whose events become Kubernetes Events, and Deployments and StorageClasses, which are only looked
/// up (as owners, as a claim's class).</summary>
public static class EventSubjectKinds
{
    private static readonly HashSet<ResourceKind> Known =
        [ResourceKind.Pod, ResourceKind.Node, ResourceKind.ReplicaSet, ResourceKind.ReplicationController, ResourceKind.Deployment,
         ResourceKind.HorizontalPodAutoscaler, ResourceKind.VolumeAttachment, ResourceKind.PersistentVolumeClaim, ResourceKind.PersistentVolume,
         ResourceKind.StorageClass];

    /// <summary>The kinds whose own events can become Kubernetes Events.</summary>
    public static bool Produces(ResourceKind kind) =>
        kind == ResourceKind.Pod || kind == ResourceKind.Node || kind == ResourceKind.ReplicaSet || kind == ResourceKind.HorizontalPodAutoscaler
        || kind == ResourceKind.ReplicationController || kind == ResourceKind.VolumeAttachment
        || kind == ResourceKind.PersistentVolumeClaim || kind == ResourceKind.PersistentVolume;

    /// <summary>Whether mapping <paramref name="e"/> compares its object with the state before it: every write of a kind
    /// that produces Events but a create, except that of claims and volumes only a claim's metadata (the binder handing
    /// it to a provisioner) and a volume's spec (grown) are compared.</summary>
    public static bool ComparesWithBefore(IObjectEvent e) => KindOf(e) is { } kind && Produces(kind) && !IsCreate(e)
        && (kind != ResourceKind.PersistentVolumeClaim || e is PersistentVolumeClaimMetadataChanged)
        && (kind != ResourceKind.PersistentVolume || e is PersistentVolumeSpecChanged);

    /// <summary>The kind of the object an event is about, when it is one of the kinds known here.</summary>
    public static ResourceKind? KindOf(IObjectEvent e) => StoredKinds.OfEvent(e)?.Kind is { } kind && Known.Contains(kind) ? kind : null;

    public static bool IsCreate(IObjectEvent e) => e is PodCreated or NodeRegistered or ICreatedEvent<IKubeObject>;

    /// <summary>The object after <paramref name="e"/>, folded by its kind's evolver; null once it is gone.</summary>
    public static IKubeObject? Apply(IKubeObject? current, IObjectEvent e, EventPosition position) =>
        KindOf(e) is null ? current : StoredKinds.Apply(current, e, position);
}
