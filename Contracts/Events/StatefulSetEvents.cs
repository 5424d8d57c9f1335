using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

/// <summary>A StatefulSet was created, as stored (defaults applied, uid and creation time set).</summary>
public sealed record StatefulSetCreated(StatefulSet StatefulSet) : ICreatedEvent<StatefulSet>
{
    [JsonIgnore] public string Uid => StatefulSet.Metadata.Uid!;
    [JsonIgnore] public string Namespace => StatefulSet.Metadata.Namespace!;
    [JsonIgnore] public string Name => StatefulSet.Metadata.Name!;
    StatefulSet ICreatedEvent<StatefulSet>.Object => StatefulSet;
}

/// <summary>A StatefulSet's labels, annotations, owner references or finalizers changed.</summary>
public sealed record StatefulSetMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IMetadataChangedEvent;

/// <summary>A StatefulSet's spec changed (scaled, a new template or update strategy, ...); its generation goes up by one.</summary>
public sealed record StatefulSetSpecChanged(string Uid, string Namespace, string Name, StatefulSetSpec Spec) : ISpecChangedEvent<StatefulSetSpec>;

/// <summary>A StatefulSet's status was replaced by its controller.</summary>
public sealed record StatefulSetStatusChanged(string Uid, string Namespace, string Name, StatefulSetStatus Status) : IStatusChangedEvent<StatefulSetStatus>;

/// <summary>A StatefulSet was deleted.</summary>
public sealed record StatefulSetDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;
