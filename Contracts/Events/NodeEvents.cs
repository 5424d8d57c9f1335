using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

/// <summary>A node agent registered its node.</summary>
public sealed record NodeRegistered(Node Node) : IObjectEvent
{
    [JsonIgnore] public string Uid => Node.Metadata.Uid!;
    [JsonIgnore] public string Namespace => "";
    [JsonIgnore] public string Name => Node.Metadata.Name!;
}

/// <summary>A node's labels, annotations, owner references or finalizers changed, or its deletion began
/// and waits for finalizers (deletionTimestamp).</summary>
public sealed record NodeMetadataChanged(string Uid, string Name, MetadataChanges Changes) : IObjectEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A node's spec changed: cordoned or uncordoned, tainted or untainted.</summary>
public sealed record NodeSpecChanged(string Uid, string Name, NodeSpec Spec) : IObjectEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A node's status changed in something other than a heartbeat time: capacity, addresses,
/// or a condition's status (Ready becoming True or False).</summary>
public sealed record NodeStatusChanged(string Uid, string Name, NodeStatus Status) : IObjectEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A node was deleted.</summary>
public sealed record NodeDeleted(string Uid, string Name) : IDeletedEvent
{
    [JsonIgnore] public string Namespace => "";
}
