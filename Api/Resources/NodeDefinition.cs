using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>Nodes: cluster-scoped, registered by their agents with a status; an update changes labels,
/// cordoning and taints; status goes through /status, and a change of heartbeat time alone is no event.</summary>
public sealed class NodeDefinition : ResourceDefinition<Node>
{
    public override IObjectEvolver<Node> Evolver => NodeEvolver.Instance;

    public override IReadOnlyDictionary<string, Func<Node, string?>> SelectableFields { get; } = new Dictionary<string, Func<Node, string?>>
    {
        ["spec.unschedulable"] = n => n.Spec.Unschedulable == true ? "true" : "false",
    };

    public override Node WithMetadata(Node obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override Node PrepareForCreate(Node obj) => obj with
    {
        Metadata = obj.Metadata with
        {
            Labels = new Dictionary<string, string>(obj.Metadata.Labels ?? [])
            {
                [WellKnownLabels.Hostname] = obj.Metadata.Labels?.GetValueOrDefault(WellKnownLabels.Hostname) ?? obj.Metadata.Name ?? "",
            },
        },
    };

    public override IReadOnlyList<FieldError> ValidateCreate(Node obj) => NodeValidation.ValidateCreate(obj);

    public override Node PrepareForUpdate(Node old, Node updated) => updated with { Status = old.Status };

    public override IReadOnlyList<FieldError> ValidateUpdate(Node old, Node updated) => NodeValidation.ValidateUpdate(old, updated);

    public override IReadOnlyList<FieldError> ValidateStatus(Node updated) => NodeValidation.ValidateStatus(updated.Status);

    public override IObjectEvent Created(Node obj) => new NodeRegistered(obj);

    public override IReadOnlyList<IObjectEvent> Changes(Node old, Node updated)
    {
        var events = new List<IObjectEvent>();
        var metadata = ObjectMetaEvolution.Diff(old.Metadata, updated.Metadata);
        if (!metadata.IsEmpty) events.Add(new NodeMetadataChanged(old.Metadata.Uid!, old.Metadata.Name!, metadata));
        if (!JsonEquals(old.Spec, updated.Spec)) events.Add(new NodeSpecChanged(old.Metadata.Uid!, old.Metadata.Name!, updated.Spec));
        return events;
    }

    public override IObjectEvent? StatusChanged(Node old, Node updated) =>
        JsonEquals(WithoutHeartbeats(old.Status), WithoutHeartbeats(updated.Status))
            ? null
            : new NodeStatusChanged(old.Metadata.Uid!, old.Metadata.Name!, updated.Status ?? new NodeStatus());

    public override IObjectEvent Deleted(Node obj) => new NodeDeleted(obj.Metadata.Uid!, obj.Metadata.Name!);

    // Heartbeats are not events: a status that differs only in heartbeat times is the same status.
    private static NodeStatus? WithoutHeartbeats(NodeStatus? status) =>
        status is null ? null : status with { Conditions = status.Conditions?.Select(c => c with { LastHeartbeatTime = null }).ToList() };
}
