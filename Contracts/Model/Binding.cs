namespace EventOrch.Contracts.Model;

/// <summary>A request to bind a pod to a node (POST .../pods/{name}/binding).</summary>
public sealed record Binding : IKubeObject
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "Binding";
    public ObjectMeta Metadata { get; init; } = new();
    public ObjectReference Target { get; init; } = new();
}

/// <summary>A reference to an object (core v1 ObjectReference): a binding's target, an endpoint's pod, an Event's
/// involved object.</summary>
public sealed record ObjectReference
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public string? Namespace { get; init; }
    public string? Name { get; init; }
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }

    /// <summary>The part of the object meant, e.g. <c>spec.containers{web}</c> for one container of a pod.</summary>
    public string? FieldPath { get; init; }
}

/// <summary>Pod condition types and reasons used by the scheduler and the node agent.</summary>
public static class PodConditions
{
    public const string PodScheduled = "PodScheduled";
    public const string Initialized = "Initialized";
    public const string ContainersReady = "ContainersReady";
    public const string Ready = "Ready";

    /// <summary>The PodScheduled=False reason when no node fits.</summary>
    public const string Unschedulable = "Unschedulable";
}
