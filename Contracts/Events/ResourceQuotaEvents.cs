using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

/// <summary>A ResourceQuota was created, as stored (its status holds the usage counted at creation).</summary>
public sealed record ResourceQuotaCreated(ResourceQuota ResourceQuota) : ICreatedEvent<ResourceQuota>
{
    [JsonIgnore] public string Uid => ResourceQuota.Metadata.Uid!;
    [JsonIgnore] public string Namespace => ResourceQuota.Metadata.Namespace!;
    [JsonIgnore] public string Name => ResourceQuota.Metadata.Name!;
    ResourceQuota ICreatedEvent<ResourceQuota>.Object => ResourceQuota;
}

/// <summary>A ResourceQuota's labels, annotations, owner references or finalizers changed.</summary>
public sealed record ResourceQuotaMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IMetadataChangedEvent;

/// <summary>A ResourceQuota's hard limits changed.</summary>
public sealed record ResourceQuotaSpecChanged(string Uid, string Namespace, string Name, ResourceQuotaSpec Spec) : ISpecChangedEvent<ResourceQuotaSpec>;

/// <summary>A ResourceQuota's status (hard and used) was replaced: by the admission of a write it charged (in that
/// write's transaction), by a spec change, or by the quota controller's recount.</summary>
public sealed record ResourceQuotaStatusChanged(string Uid, string Namespace, string Name, ResourceQuotaStatus Status) : IStatusChangedEvent<ResourceQuotaStatus>;

/// <summary>A ResourceQuota was deleted.</summary>
public sealed record ResourceQuotaDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;
