using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

/// <summary>A pod was created, as stored (defaults applied, uid and creation time set).</summary>
public sealed record PodCreated(Pod Pod) : IObjectEvent
{
    [JsonIgnore] public string Uid => Pod.Metadata.Uid!;
    [JsonIgnore] public string Namespace => Pod.Metadata.Namespace!;
    [JsonIgnore] public string Name => Pod.Metadata.Name!;
}

/// <summary>A pod's labels, annotations, owner references or finalizers changed, or its deletion began
/// and waits for finalizers (deletionTimestamp).</summary>
public sealed record PodMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IObjectEvent;

/// <summary>A pod's mutable spec fields (container images, tolerations, deadline) changed.</summary>
public sealed record PodSpecChanged(string Uid, string Namespace, string Name, PodSpec Spec) : IObjectEvent;

/// <summary>A pod's status was replaced by its node agent or a controller.</summary>
public sealed record PodStatusChanged(string Uid, string Namespace, string Name, PodStatus Status) : IObjectEvent;

/// <summary>A pod was deleted; its name may now be reused by a pod with a new uid.</summary>
public sealed record PodDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;

/// <summary>The scheduler bound a pod to a node.</summary>
public sealed record PodBound(string Uid, string Namespace, string Name, string NodeName, DateTimeOffset Time) : IObjectEvent;

/// <summary>A bound pod is being deleted: its node agent stops its containers within the grace period,
/// then deletes it for good.</summary>
public sealed record PodTerminationRequested(string Uid, string Namespace, string Name, DateTimeOffset DeletionTimestamp,
    long GracePeriodSeconds) : IObjectEvent;
