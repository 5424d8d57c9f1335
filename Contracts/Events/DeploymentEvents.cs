using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

/// <summary>A Deployment was created, as stored (defaults applied, uid and creation time set).</summary>
public sealed record DeploymentCreated(Deployment Deployment) : ICreatedEvent<Deployment>
{
    [JsonIgnore] public string Uid => Deployment.Metadata.Uid!;
    [JsonIgnore] public string Namespace => Deployment.Metadata.Namespace!;
    [JsonIgnore] public string Name => Deployment.Metadata.Name!;
    Deployment ICreatedEvent<Deployment>.Object => Deployment;
}

/// <summary>A Deployment's labels, annotations (its revision, say), owner references or finalizers changed.</summary>
public sealed record DeploymentMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IMetadataChangedEvent;

/// <summary>A Deployment's spec changed (scaled, a new template, paused or resumed); its generation goes up by one.</summary>
public sealed record DeploymentSpecChanged(string Uid, string Namespace, string Name, DeploymentSpec Spec) : ISpecChangedEvent<DeploymentSpec>;

/// <summary>A Deployment's status was replaced by its controller.</summary>
public sealed record DeploymentStatusChanged(string Uid, string Namespace, string Name, DeploymentStatus Status) : IStatusChangedEvent<DeploymentStatus>;

/// <summary>A Deployment was deleted.</summary>
public sealed record DeploymentDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;
