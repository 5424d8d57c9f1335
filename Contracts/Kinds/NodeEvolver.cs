using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Kinds;

/// <summary>Folds node events into the node's current state.</summary>
public sealed class NodeEvolver : IObjectEvolver<Node>
{
    public static NodeEvolver Instance { get; } = new();

    public ResourceKind Kind => ResourceKind.Node;

    public IReadOnlyList<Type> EventTypes { get; } =
        [typeof(NodeRegistered), typeof(NodeMetadataChanged), typeof(NodeSpecChanged), typeof(NodeStatusChanged), typeof(NodeDeleted)];

    public Node? Apply(Node? current, IObjectEvent @event, EventPosition position) => @event switch
    {
        NodeRegistered e => e.Node with { Metadata = e.Node.Metadata.At(position) },
        NodeDeleted => null,
        _ when current is null => null,
        NodeMetadataChanged e => current with { Metadata = current.Metadata.With(e.Changes).At(position) },
        NodeSpecChanged e => current with { Spec = e.Spec, Metadata = current.Metadata.At(position) },
        NodeStatusChanged e => current with { Status = e.Status, Metadata = current.Metadata.At(position) },
        _ => current,
    };
}
