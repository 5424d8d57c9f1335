using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

/// <summary>A Service was created, as stored (defaults applied, node ports allocated, uid and creation time set).</summary>
public sealed record ServiceCreated(Service Service) : ICreatedEvent<Service>
{
    [JsonIgnore] public string Uid => Service.Metadata.Uid!;
    [JsonIgnore] public string Namespace => Service.Metadata.Namespace!;
    [JsonIgnore] public string Name => Service.Metadata.Name!;
    Service ICreatedEvent<Service>.Object => Service;
}

/// <summary>A Service's labels, annotations (its load-balancing policy, say), owner references or finalizers changed,
/// or its deletion began and waits for finalizers.</summary>
public sealed record ServiceMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IMetadataChangedEvent;

/// <summary>A Service's spec changed: its selector, ports (node ports included) or type.</summary>
public sealed record ServiceSpecChanged(string Uid, string Namespace, string Name, ServiceSpec Spec) : ISpecChangedEvent<ServiceSpec>;

/// <summary>A Service's status was replaced.</summary>
public sealed record ServiceStatusChanged(string Uid, string Namespace, string Name, ServiceStatus Status) : IStatusChangedEvent<ServiceStatus>;

/// <summary>A Service was deleted; its node ports are free again.</summary>
public sealed record ServiceDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;

/// <summary>An Endpoints object was created (by the endpoints controller for a Service, or by hand).</summary>
public sealed record EndpointsCreated(Endpoints Endpoints) : IObjectEvent
{
    [JsonIgnore] public string Uid => Endpoints.Metadata.Uid!;
    [JsonIgnore] public string Namespace => Endpoints.Metadata.Namespace!;
    [JsonIgnore] public string Name => Endpoints.Metadata.Name!;
}

/// <summary>An Endpoints object's labels, annotations, owner references or finalizers changed.</summary>
public sealed record EndpointsMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IObjectEvent;

/// <summary>The addresses behind a Service changed: a pod became ready or unready, came or went.</summary>
public sealed record EndpointsSubsetsChanged(string Uid, string Namespace, string Name, List<EndpointSubset> Subsets) : IObjectEvent;

/// <summary>An Endpoints object was deleted.</summary>
public sealed record EndpointsDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;
