using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.Workloads;

/// <summary>A StatefulSet's status from its members, as Kubernetes computes it (updateStatefulSetStatus): counts of the
/// members, the Running and Ready ones, the available ones (Ready for minReadySeconds), those at the current and at the
/// update revision; a RollingUpdate whose members are all updated and ready makes the update revision the current one.</summary>
public static class StatefulSetStatusCalculator
{
    public static StatefulSetStatus Compute(StatefulSet set, IReadOnlyList<Pod> members, string currentRevision, string updateRevision, DateTimeOffset now)
    {
        var minReady = TimeSpan.FromSeconds(set.Spec.MinReadySeconds ?? 0);
        var ready = members.Where(StatefulSetPlan.IsRunningAndReady).ToList();
        var status = (set.Status ?? new StatefulSetStatus()) with
        {
            ObservedGeneration = set.Metadata.Generation,
            Replicas = members.Count,
            ReadyReplicas = ready.Count,
            AvailableReplicas = ready.Count(p => StatefulSetPlan.IsAvailable(p, minReady, now)),
            CurrentReplicas = members.Count(p => StatefulSetIdentity.RevisionOf(p) == currentRevision),
            UpdatedReplicas = members.Count(p => StatefulSetIdentity.RevisionOf(p) == updateRevision),
            CurrentRevision = currentRevision,
            UpdateRevision = updateRevision,
            CollisionCount = set.Status?.CollisionCount ?? 0,
        };
        if (set.Spec.UpdateStrategy?.Type is StatefulSetConventions.RollingUpdate or null
            && status.UpdatedReplicas == status.Replicas && status.ReadyReplicas == status.Replicas)
            status = status with { CurrentReplicas = status.UpdatedReplicas, CurrentRevision = updateRevision };
        return status;
    }
}
