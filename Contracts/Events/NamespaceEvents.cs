using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

/// <summary>A namespace was created.</summary>
public sealed record NamespaceCreated(Namespace Object) : IObjectEvent
{
    [JsonIgnore] public string Uid => Object.Metadata.Uid!;
    [JsonIgnore] public string Namespace => "";
    [JsonIgnore] public string Name => Object.Metadata.Name!;
}

/// <summary>A namespace's labels, annotations or finalizers changed, or its deletion began
/// and waits for finalizers (deletionTimestamp).</summary>
public sealed record NamespaceMetadataChanged(string Uid, string Name, MetadataChanges Changes) : IObjectEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A namespace was deleted, after every object in it.</summary>
public sealed record NamespaceDeleted(string Uid, string Name) : IObjectEvent
{
    [JsonIgnore] public string Namespace => "";
}
