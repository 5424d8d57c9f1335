using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

/// <summary>A ReplicaSet was created, as stored (defaults applied, uid and creation time set).</summary>
public sealed record ReplicaSetCreated(ReplicaSet ReplicaSet) : ICreatedEvent<ReplicaSet>
{
    [JsonIgnore] public string Uid => ReplicaSet.Metadata.Uid!;
    [JsonIgnore] public string Namespace => ReplicaSet.Metadata.Namespace!;
    [JsonIgnore] public string Name => ReplicaSet.Metadata.Name!;
    ReplicaSet ICreatedEvent<ReplicaSet>.Object => ReplicaSet;
}

/// <summary>A ReplicaSet's labels, annotations, owner references or finalizers changed, or its deletion began
/// and waits for finalizers (deletionTimestamp).</summary>
public sealed record ReplicaSetMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IMetadataChangedEvent;

/// <summary>A ReplicaSet's spec changed (scaled, or a new template); its generation goes up by one.</summary>
public sealed record ReplicaSetSpecChanged(string Uid, string Namespace, string Name, ReplicaSetSpec Spec) : ISpecChangedEvent<ReplicaSetSpec>;

/// <summary>A ReplicaSet's status was replaced by its controller.</summary>
public sealed record ReplicaSetStatusChanged(string Uid, string Namespace, string Name, ReplicaSetStatus Status) : IStatusChangedEvent<ReplicaSetStatus>;

/// <summary>A ReplicaSet was deleted.</summary>
public sealed record ReplicaSetDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;
