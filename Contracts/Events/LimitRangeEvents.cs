using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

/// <summary>A LimitRange was created, as stored.</summary>
public sealed record LimitRangeCreated(LimitRange LimitRange) : ICreatedEvent<LimitRange>
{
    [JsonIgnore] public string Uid => LimitRange.Metadata.Uid!;
    [JsonIgnore] public string Namespace => LimitRange.Metadata.Namespace!;
    [JsonIgnore] public string Name => LimitRange.Metadata.Name!;
    LimitRange ICreatedEvent<LimitRange>.Object => LimitRange;
}

/// <summary>A LimitRange's labels, annotations, owner references or finalizers changed.</summary>
public sealed record LimitRangeMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IMetadataChangedEvent;

/// <summary>A LimitRange's limits changed (given whole).</summary>
public sealed record LimitRangeSpecChanged(string Uid, string Namespace, string Name, LimitRangeSpec Spec) : ISpecChangedEvent<LimitRangeSpec>;

/// <summary>A LimitRange was deleted.</summary>
public sealed record LimitRangeDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;
