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

/// <summary>A namespace's labels, annotations or finalizers changed, or its deletion began (deletionTimestamp: the
/// namespace is Terminating from then on, and waits for its finalizers, those of <c>spec</c> included).</summary>
public sealed record NamespaceMetadataChanged(string Uid, string Name, MetadataChanges Changes) : IObjectEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A namespace's <c>spec.finalizers</c> were replaced through its <c>finalize</c> subresource (the namespace
/// controller takes <c>kubernetes</c> away once nothing is left in it).</summary>
public sealed record NamespaceFinalized(string Uid, string Name, List<string> Finalizers) : IObjectEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A namespace's status conditions were replaced (the namespace controller reports how its deletion goes).</summary>
public sealed record NamespaceStatusChanged(string Uid, string Name, List<NamespaceCondition>? Conditions) : IObjectEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A namespace was deleted, after every object in it.</summary>
public sealed record NamespaceDeleted(string Uid, string Name) : IDeletedEvent
{
    [JsonIgnore] public string Namespace => "";
}
