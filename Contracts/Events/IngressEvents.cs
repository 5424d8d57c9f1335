using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

/// <summary>An Ingress was created, as stored.</summary>
public sealed record IngressCreated(Ingress Ingress) : ICreatedEvent<Ingress>
{
    [JsonIgnore] public string Uid => Ingress.Metadata.Uid!;
    [JsonIgnore] public string Namespace => Ingress.Metadata.Namespace!;
    [JsonIgnore] public string Name => Ingress.Metadata.Name!;
    Ingress ICreatedEvent<Ingress>.Object => Ingress;
}

/// <summary>An Ingress's labels, annotations, owner references or finalizers changed, or its deletion began.</summary>
public sealed record IngressMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IMetadataChangedEvent;

/// <summary>An Ingress's rules, default backend or class changed.</summary>
public sealed record IngressSpecChanged(string Uid, string Namespace, string Name, IngressSpec Spec) : ISpecChangedEvent<IngressSpec>;

/// <summary>An Ingress's status was replaced.</summary>
public sealed record IngressStatusChanged(string Uid, string Namespace, string Name, IngressStatus Status) : IStatusChangedEvent<IngressStatus>;

/// <summary>An Ingress was deleted.</summary>
public sealed record IngressDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;
