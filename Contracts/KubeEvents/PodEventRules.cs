using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using static EventOrch.Contracts.KubeEvents.EventReferences;

namespace EventOrch.Contracts.KubeEvents;

/// <summary>What a pod's events mean in Kubernetes' words: the scheduler's Scheduled and FailedScheduling, the kubelet's
/// container events (<see cref="ContainerEventRules"/>) and Killing, the workload controllers' SuccessfulCreate and
/// SuccessfulDelete on the owner, and the taint eviction controller's TaintManagerEviction.</summary>
internal static class PodEventRules
{
    public static IEnumerable<EventDraft> For(RecordedEvent e, Pod? before, IEventSubjects subjects) => e.Data switch
    {
        PodCreated created => Created(e, created.Pod, subjects),
        PodBound bound when before is not null => [Scheduled(e, before, bound.NodeName)],
        PodStatusChanged changed when before is not null => StatusChanged(e, before, changed.Status),
        PodTerminationRequested when before is not null && before.Metadata.DeletionTimestamp is null => Removed(e, before, subjects, graceful: true),
        // A delete held back by finalizers, or one that removes the pod at once: unless its termination was reported
        // already (the node agent's final delete after stopping it).
        PodMetadataChanged { Changes.DeletionTimestamp: not null } when before is { Metadata.DeletionTimestamp: null } => Removed(e, before, subjects, graceful: false),
        PodDeleted when before is { Metadata.DeletionTimestamp: null } => Removed(e, before, subjects, graceful: false),
        _ => [],
    };

    // The replica set controller's (or replication manager's) create, reported on the owner.
    private static IEnumerable<EventDraft> Created(RecordedEvent e, Pod pod, IEventSubjects subjects)
    {
        if (!e.ByComponent || WorkloadOwner(pod) is not { } owner) yield break;
        yield return EventDraft.Normal(To(owner.Reference, pod.Metadata.Namespace, subjects), EventReasons.SuccessfulCreate,
            $"Created pod: {pod.Metadata.Name}", owner.Component);
    }

    private static EventDraft Scheduled(RecordedEvent e, Pod pod, string node) =>
        EventDraft.Normal(To(pod, e), EventReasons.Scheduled, $"Successfully assigned {pod.Metadata.Namespace}/{pod.Metadata.Name} to {node}",
            SchedulerOf(pod), action: "Binding");

    private static IEnumerable<EventDraft> StatusChanged(RecordedEvent e, Pod before, PodStatus after)
    {
        // Once bound, the node agent writes the status; before that, only the scheduler does (PodScheduled=False).
        if (!string.IsNullOrEmpty(before.Spec.NodeName)) return ContainerEventRules.For(e, before, after);
        var was = before.Status.Condition(PodConditions.PodScheduled);
        var now = after.Condition(PodConditions.PodScheduled);
        if (now is not { Status: ConditionStatuses.False, Reason: PodConditions.Unschedulable }) return [];
        if (was is not null && was.Status == now.Status && was.Reason == now.Reason && was.Message == now.Message) return [];
        return [EventDraft.Warning(To(before, e), EventReasons.FailedScheduling, now.Message ?? "", SchedulerOf(before), action: "Scheduling")];
    }

    // The pod is being deleted (gracefully, or at once): the kubelet stops its running containers, and a workload
    // controller that deleted it reports that on its owner. A pod deleted at once by a component from a node with a
    // NoExecute taint it does not tolerate was evicted: the node cannot stop anything.
    private static IEnumerable<EventDraft> Removed(RecordedEvent e, Pod before, IEventSubjects subjects, bool graceful)
    {
        var node = before.Spec.NodeName;
        if (!graceful && e.ByComponent && !string.IsNullOrEmpty(node) && IsEvictedFrom(subjects.FindNode(node), before, e.Timestamp))
        {
            yield return EventDraft.Normal(To(before, e), EventReasons.TaintManagerEviction,
                $"Marking for deletion Pod {before.Metadata.Namespace}/{before.Metadata.Name}", EventComponents.TaintEvictionController);
            yield break;
        }
        if (!string.IsNullOrEmpty(node))
        {
            foreach (var container in before.Status?.ContainerStatuses ?? [])
            {
                if (container.State?.Running is null) continue;
                yield return EventDraft.Normal(To(before, e, ContainerPath(container.Name)), EventReasons.Killing,
                    $"Stopping container {container.Name}", EventComponents.Kubelet, node);
            }
        }
        // The controller deletes only while its owner lives and is not being deleted; the garbage collector deletes
        // when it is gone or going.
        if (e.ByComponent && WorkloadOwner(before) is { } owner && subjects.Find(owner.Reference.Uid) is { Metadata.DeletionTimestamp: null })
        {
            yield return EventDraft.Normal(To(owner.Reference, before.Metadata.Namespace, subjects), EventReasons.SuccessfulDelete,
                $"Deleted pod: {before.Metadata.Name}", owner.Component);
        }
    }

    private static bool IsEvictedFrom(Node? node, Pod pod, DateTimeOffset at) =>
        node?.Spec.Taints?.Any(taint => taint.Effect == TaintEffects.NoExecute && !Tolerates(pod, taint, at)) == true;

    // Tolerated for good, or for tolerationSeconds from when the taint was added.
    private static bool Tolerates(Pod pod, Taint taint, DateTimeOffset at) =>
        pod.Spec.Tolerations?.Any(t => TolerationMatching.Tolerates(t, taint)
            && (t.TolerationSeconds is not { } seconds || taint.TimeAdded is not { } added || added.AddSeconds(seconds) > at)) == true;

    private static (OwnerReference Reference, string Component)? WorkloadOwner(Pod pod) => ControllerOf(pod) switch
    {
        { Kind: "ReplicaSet" } owner => (owner, EventComponents.ReplicaSetController),
        { Kind: "ReplicationController" } owner => (owner, EventComponents.ReplicationController),
        _ => null,
    };

    private static string SchedulerOf(Pod pod) => string.IsNullOrEmpty(pod.Spec.SchedulerName) ? EventComponents.DefaultScheduler : pod.Spec.SchedulerName;
}
