using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using static EventOrch.Contracts.KubeEvents.EventReferences;

namespace EventOrch.Contracts.KubeEvents;

/// <summary>What a node's events mean: its agent (the kubelet) starting and reporting Ready, NotReady, schedulable or
/// not; the node lifecycle controller registering it, finding it unreachable (Ready=Unknown) and removing it.</summary>
internal static class NodeEventRules
{
    public static IEnumerable<EventDraft> For(RecordedEvent e, Node? before) => e.Data switch
    {
        NodeRegistered registered => Registered(e, registered.Node),
        NodeStatusChanged changed when before is not null => ReadyChanged(e, before, changed.Status),
        NodeSpecChanged changed when before is not null && (before.Spec.Unschedulable ?? false) != (changed.Spec.Unschedulable ?? false) =>
            [StatusIsNow(e, before, changed.Spec.Unschedulable == true ? EventReasons.NodeNotSchedulable : EventReasons.NodeSchedulable, EventComponents.Kubelet)],
        NodeDeleted when before is not null =>
            [EventDraft.Normal(To(before, e), EventReasons.RemovingNode, $"Node {before.Metadata.Name} event: Removing Node {before.Metadata.Name} from Controller", EventComponents.NodeController)],
        _ => [],
    };

    private static IEnumerable<EventDraft> Registered(RecordedEvent e, Node node)
    {
        var name = node.Metadata.Name!;
        yield return EventDraft.Normal(To(node, e), EventReasons.Starting, "Starting kubelet.", EventComponents.Kubelet, name);
        yield return EventDraft.Normal(To(node, e), EventReasons.RegisteredNode, $"Node {name} event: Registered Node {name} in Controller", EventComponents.NodeController);
        if (ReadyOf(node.Status) == ConditionStatuses.True) yield return StatusIsNow(e, node, EventReasons.NodeReady, EventComponents.Kubelet);
    }

    // The agent reports True and False; the node lifecycle controller alone sets Unknown, when the lease runs out.
    private static IEnumerable<EventDraft> ReadyChanged(RecordedEvent e, Node before, NodeStatus after)
    {
        var now = ReadyOf(after);
        if (now is null || now == ReadyOf(before.Status)) yield break;
        yield return now switch
        {
            ConditionStatuses.True => StatusIsNow(e, before, EventReasons.NodeReady, EventComponents.Kubelet),
            ConditionStatuses.False => StatusIsNow(e, before, EventReasons.NodeNotReady, EventComponents.Kubelet),
            _ => StatusIsNow(e, before, EventReasons.NodeNotReady, EventComponents.NodeController),
        };
    }

    private static EventDraft StatusIsNow(RecordedEvent e, Node node, string status, string component) =>
        EventDraft.Normal(To(node, e), status, $"Node {node.Metadata.Name} status is now: {status}", component,
            component == EventComponents.Kubelet ? node.Metadata.Name : null);

    private static string? ReadyOf(NodeStatus? status) => status?.Conditions?.FirstOrDefault(c => c.Type == NodeConditions.Ready)?.Status;
}
