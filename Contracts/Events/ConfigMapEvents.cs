using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

/// <summary>A ConfigMap was created, as stored (uid and creation time set).</summary>
public sealed record ConfigMapCreated(ConfigMap ConfigMap) : ICreatedEvent<ConfigMap>
{
    [JsonIgnore] public string Uid => ConfigMap.Metadata.Uid!;
    [JsonIgnore] public string Namespace => ConfigMap.Metadata.Namespace!;
    [JsonIgnore] public string Name => ConfigMap.Metadata.Name!;
    ConfigMap ICreatedEvent<ConfigMap>.Object => ConfigMap;
}

/// <summary>A ConfigMap's labels, annotations, owner references or finalizers changed, or its deletion began and waits
/// for finalizers.</summary>
public sealed record ConfigMapMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IMetadataChangedEvent;

/// <summary>A ConfigMap's data or binaryData changed: both are given whole (null when empty).</summary>
public sealed record ConfigMapDataChanged(string Uid, string Namespace, string Name, Dictionary<string, string>? Data,
    Dictionary<string, byte[]>? BinaryData) : IObjectEvent;

/// <summary>A ConfigMap's immutable field changed (once true, it never changes again).</summary>
public sealed record ConfigMapImmutableChanged(string Uid, string Namespace, string Name, bool? Immutable) : IObjectEvent;

/// <summary>A ConfigMap was deleted.</summary>
public sealed record ConfigMapDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;
