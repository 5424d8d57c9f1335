using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.Workloads;

/// <summary>One step a pass of the StatefulSet controller takes.</summary>
public abstract record StatefulSetAction;

/// <summary>Create the member of <paramref name="Ordinal"/> (its missing claims first), from the current revision's
/// template when <paramref name="AtCurrentRevision"/> (an ordinal below the partition), else from the update revision's.</summary>
public sealed record CreateMember(int Ordinal, bool AtCurrentRevision) : StatefulSetAction;

/// <summary>Delete a member: it failed or succeeded (it comes back with the same name), it is beyond the replicas, or
/// it is of an old revision under a RollingUpdate.</summary>
public sealed record DeleteMember(Pod Pod, string Reason) : StatefulSetAction
{
    public const string Finished = "finished";
    public const string ScaledDown = "scaled down";
    public const string Outdated = "outdated";
}

/// <summary>Kubernetes' StatefulSet control loop (stateful_set_control.go updateStatefulSet) as a pure decision: from the
/// set and its members, the creates and deletes of this pass. Members are the slots of ordinals
/// [start, start + replicas); others are condemned. OrderedReady does at most one thing a pass and waits while any member
/// before it is not Running and Ready (and available for minReadySeconds); Parallel creates and deletes all at once.
/// Either way a RollingUpdate then deletes the highest member at or above the partition whose revision is not the update
/// revision, one at a time, each once those above it are healthy again; OnDelete leaves that to the user.</summary>
public static class StatefulSetPlan
{
    public static IReadOnlyList<StatefulSetAction> Decide(StatefulSet set, IReadOnlyList<Pod> members, string updateRevision, DateTimeOffset now)
    {
        var start = StatefulSetIdentity.StartOrdinal(set);
        var replicas = StatefulSetIdentity.Replicas(set);
        var ordered = set.Spec.PodManagementPolicy != StatefulSetConventions.Parallel;
        var minReady = TimeSpan.FromSeconds(set.Spec.MinReadySeconds ?? 0);
        var slots = new Pod?[replicas];
        var condemned = new List<(int Ordinal, Pod Pod)>();
        foreach (var pod in members)
        {
            if (StatefulSetIdentity.OrdinalOf(set, pod.Metadata.Name) is not { } ordinal) continue;
            if (ordinal >= start && ordinal < start + replicas) slots[ordinal - start] = pod;
            else condemned.Add((ordinal, pod));
        }
        condemned.Sort((a, b) => b.Ordinal.CompareTo(a.Ordinal));
        var actions = new List<StatefulSetAction>();
        // Slots filled in this pass: their pods are not there yet, so they are not healthy.
        var planned = new bool[replicas];

        for (var i = 0; i < replicas; i++)
        {
            var pod = slots[i];
            if (pod is not null && IsFinished(pod) && !IsTerminating(pod))
            {
                actions.Add(new DeleteMember(pod, DeleteMember.Finished));
                if (ordered) return actions;
                continue;
            }
            if (pod is null)
            {
                actions.Add(new CreateMember(start + i, AtCurrentRevision: BelowPartition(set, i)));
                planned[i] = true;
                if (ordered) return actions;
                continue;
            }
            if (ordered && !IsHealthy(pod, minReady, now)) return actions;
        }

        // Scale down from the highest ordinal; OrderedReady one at a time, and only while every other member is healthy.
        foreach (var (_, pod) in condemned)
        {
            if (IsTerminating(pod))
            {
                if (ordered) return actions;
                continue;
            }
            if (ordered && FirstUnhealthy(slots, condemned, minReady, now) is { } unhealthy && !ReferenceEquals(unhealthy, pod)) return actions;
            actions.Add(new DeleteMember(pod, DeleteMember.ScaledDown));
            if (ordered) return actions;
        }

        if (set.Spec.UpdateStrategy?.Type == StatefulSetConventions.OnDelete) return actions;
        var partition = Math.Min(set.Spec.UpdateStrategy?.RollingUpdate?.Partition ?? 0, replicas);
        for (var i = replicas - 1; i >= partition; i--)
        {
            if (planned[i] || slots[i] is not { } pod) return actions;
            if (StatefulSetIdentity.RevisionOf(pod) != updateRevision && !IsTerminating(pod))
            {
                actions.Add(new DeleteMember(pod, DeleteMember.Outdated));
                return actions;
            }
            if (!IsHealthy(pod, minReady, now)) return actions;
        }
        return actions;
    }

    /// <summary>Whether the member of slot <paramref name="index"/> is made from the current revision: under a
    /// RollingUpdate, the slots below the partition keep it.</summary>
    public static bool BelowPartition(StatefulSet set, int index) =>
        set.Spec.UpdateStrategy is { Type: StatefulSetConventions.RollingUpdate, RollingUpdate.Partition: { } partition } && index < partition;

    public static bool IsTerminating(Pod pod) => pod.Metadata.DeletionTimestamp is not null;

    public static bool IsFinished(Pod pod) => pod.Status?.Phase is PodPhases.Failed or PodPhases.Succeeded;

    public static bool IsRunningAndReady(Pod pod) => pod.Status?.Phase == PodPhases.Running && pod.IsReady();

    /// <summary>Running, Ready for at least minReadySeconds, and not being deleted.</summary>
    public static bool IsHealthy(Pod pod, TimeSpan minReady, DateTimeOffset now) =>
        !IsTerminating(pod) && IsRunningAndReady(pod) && IsAvailable(pod, minReady, now);

    public static bool IsAvailable(Pod pod, TimeSpan minReady, DateTimeOffset now) =>
        minReady == TimeSpan.Zero || pod.Status.Condition(PodConditions.Ready)?.LastTransitionTime is { } since && since + minReady <= now;

    private static Pod? FirstUnhealthy(Pod?[] slots, List<(int Ordinal, Pod Pod)> condemned, TimeSpan minReady, DateTimeOffset now) =>
        slots.OfType<Pod>().Concat(condemned.OrderBy(c => c.Ordinal).Select(c => c.Pod)).FirstOrDefault(p => !IsHealthy(p, minReady, now));
}
