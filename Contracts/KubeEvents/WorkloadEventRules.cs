using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using static EventOrch.Contracts.KubeEvents.EventReferences;

namespace EventOrch.Contracts.KubeEvents;

/// <summary>The replica set controller's FailedCreate, and the deployment controller's ScalingReplicaSet, reported on the Deployment when it creates or scales one of
/// its ReplicaSets (a person scaling a ReplicaSet by hand is not the controller's doing).</summary>
internal static class WorkloadEventRules
{
    public static IEnumerable<EventDraft> For(RecordedEvent e, ReplicaSet? before, IEventSubjects subjects) => e.Data switch
    {
        ReplicaSetCreated created when e.ByComponent && DeploymentOf(created.ReplicaSet) is { } deployment && (created.ReplicaSet.Spec.Replicas ?? 1) > 0 =>
            [Scaled(created.ReplicaSet, deployment, 0, created.ReplicaSet.Spec.Replicas ?? 1, subjects)],
        ReplicaSetSpecChanged changed when e.ByComponent && before is not null && DeploymentOf(before) is { } deployment
                                           && (before.Spec.Replicas ?? 1) != (changed.Spec.Replicas ?? 1) =>
            [Scaled(before, deployment, before.Spec.Replicas ?? 1, changed.Spec.Replicas ?? 1, subjects)],
        ReplicaSetStatusChanged changed when before is not null =>
            FailedCreate(e, before, before.Status, changed.Status, EventComponents.ReplicaSetController),
        _ => [],
    };

    /// <summary>The replica set controller's FailedCreate Warning (<c>Error creating: {the Api's message}</c>), on the
    /// ReplicaSet or ReplicationController, when its status takes the ReplicaFailure condition a refused create gives it.</summary>
    public static IEnumerable<EventDraft> FailedCreate(RecordedEvent e, IKubeObject workload, ReplicaSetStatus? before, ReplicaSetStatus after, string component)
    {
        var failure = after.Conditions?.FirstOrDefault(c => c is { Type: DeploymentConventions.ReplicaFailure, Status: ConditionStatuses.True, Reason: EventReasons.FailedCreate });
        if (failure is null || before?.Conditions?.Any(c => c.Type == DeploymentConventions.ReplicaFailure && c.Status == ConditionStatuses.True) == true) return [];
        return [EventDraft.Warning(To(workload, e), EventReasons.FailedCreate, $"Error creating: {failure.Message}", component)];
    }

    private static EventDraft Scaled(ReplicaSet rs, OwnerReference deployment, int from, int to, IEventSubjects subjects) =>
        EventDraft.Normal(To(deployment, rs.Metadata.Namespace, subjects), EventReasons.ScalingReplicaSet,
            $"Scaled {(to > from ? "up" : "down")} replica set {rs.Metadata.Name} from {from} to {to}", EventComponents.DeploymentController);

    private static OwnerReference? DeploymentOf(ReplicaSet rs) => ControllerOf(rs) is { Kind: "Deployment" } owner ? owner : null;
}
