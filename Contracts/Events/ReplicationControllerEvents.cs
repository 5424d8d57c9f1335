using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

/// <summary>A ReplicationController was created, as stored (defaults applied, uid and creation time set).</summary>
public sealed record ReplicationControllerCreated(ReplicationController ReplicationController) : ICreatedEvent<ReplicationController>
{
    [JsonIgnore] public string Uid => ReplicationController.Metadata.Uid!;
    [JsonIgnore] public string Namespace => ReplicationController.Metadata.Namespace!;
    [JsonIgnore] public string Name => ReplicationController.Metadata.Name!;
    ReplicationController ICreatedEvent<ReplicationController>.Object => ReplicationController;
}

/// <summary>A ReplicationController's labels, annotations, owner references or finalizers changed.</summary>
public sealed record ReplicationControllerMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IMetadataChangedEvent;

/// <summary>A ReplicationController's spec changed (scaled, a new selector or template); its generation goes up by one.</summary>
public sealed record ReplicationControllerSpecChanged(string Uid, string Namespace, string Name, ReplicationControllerSpec Spec)
    : ISpecChangedEvent<ReplicationControllerSpec>;

/// <summary>A ReplicationController's status was replaced by its controller.</summary>
public sealed record ReplicationControllerStatusChanged(string Uid, string Namespace, string Name, ReplicaSetStatus Status)
    : IStatusChangedEvent<ReplicaSetStatus>;

/// <summary>A ReplicationController was deleted.</summary>
public sealed record ReplicationControllerDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;
