using System.Text.Json.Nodes;
using EventOrch.Contracts.Diffing;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Audit;

/// <summary>What an event did, as a verb and what follows the object, so that both "ReplicaSet web was scaled from 2 to
/// 3" and "ops-admin scaled Deployment web from 2 to 3" can be written.</summary>
public sealed record EventAction(string Verb, string? Detail);

/// <summary>Says what an event did, from the event and the fields it changed.</summary>
public static class EventActions
{
    private const int NamedFields = 3;

    public static EventAction Of(IObjectEvent e, IReadOnlyList<FieldChange> changes) => e switch
    {
        NodeRegistered => new("registered", null),
        PodCreated or NamespaceCreated or EndpointsCreated or ICreatedEvent<IKubeObject> => new("created", null),
        IDeletedEvent => new("deleted", null),
        PodBound bound => new("bound", $"to node {bound.NodeName}"),
        PodTerminationRequested stop => new("deleted", $"(its containers given {stop.GracePeriodSeconds}s to stop)"),
        _ when Changed(changes, "metadata.deletionTimestamp") is not null => new("deleted", Finalizers(changes)),
        _ when Changed(changes, "spec.replicas") is { } replicas => new("scaled", replicas.Old is null
            ? $"to {ObjectDiffText.Value(replicas.New)}"
            : $"from {ObjectDiffText.Value(replicas.Old)} to {ObjectDiffText.Value(replicas.New)}"),
        _ when changes.Any(c => c.Path.StartsWith("spec.template.", StringComparison.Ordinal)) =>
            new("updated", $"with a new pod template ({Fields(changes.Where(c => c.Path.StartsWith("spec.template.", StringComparison.Ordinal)).ToList())})"),
        _ when Changed(changes, "status.phase") is { } phase => new("updated", $"to phase {ObjectDiffText.Value(phase.New)}"),
        _ when changes.Count == 0 => new("updated", "(nothing visible changed)"),
        _ => new("updated", $"({Fields(changes)})"),
    };

    private static FieldChange? Changed(IReadOnlyList<FieldChange> changes, string path) =>
        changes.FirstOrDefault(c => c.Path == path && c.New is not null);

    private static string Finalizers(IReadOnlyList<FieldChange> changes)
    {
        var held = changes.Where(c => c.Path == "metadata.finalizers[]" && c.Op == FieldChangeOp.Added).Select(c => ObjectDiffText.Value(c.New)).ToList();
        return held.Count == 0 ? "(waiting for its finalizers)" : $"(waiting for finalizers {string.Join(", ", held)})";
    }

    // "spec.template.spec.containers[name=web].image: web:2", and how many more.
    private static string Fields(IReadOnlyList<FieldChange> changes)
    {
        var named = changes.Take(NamedFields).Select(c => c.Hidden || c.New is null || c.New is JsonObject or JsonArray
            ? $"{c.Path} {c.Op.ToString().ToLowerInvariant()}"
            : $"{c.Path}: {ObjectDiffText.Value(c.New, 40)}");
        var more = changes.Count > NamedFields ? $" and {changes.Count - NamedFields} more" : "";
        return string.Join(", ", named) + more;
    }
}
