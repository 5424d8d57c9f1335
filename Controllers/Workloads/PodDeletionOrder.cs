using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.Workloads;

/// <summary>Which pods a scale-down removes first, as Kubernetes ranks them (controller.ActivePods): not yet on a
/// node before on one; Pending before Unknown before Running; not ready before ready; ready for less time before
/// longer; more restarts before fewer; newer before older.</summary>
public sealed class PodDeletionOrder : IComparer<Pod>
{
    public static PodDeletionOrder Instance { get; } = new();

    public int Compare(Pod? x, Pod? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return 1;
        if (y is null) return -1;
        int c;
        if ((c = Bound(x).CompareTo(Bound(y))) != 0) return c;
        if ((c = PhaseRank(x).CompareTo(PhaseRank(y))) != 0) return c;
        if ((c = x.IsReady().CompareTo(y.IsReady())) != 0) return c;
        if (x.IsReady() && y.IsReady() && (c = -ReadySince(x).CompareTo(ReadySince(y))) != 0) return c;
        if ((c = -Restarts(x).CompareTo(Restarts(y))) != 0) return c;
        return -(x.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue).CompareTo(y.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue);
    }

    private static bool Bound(Pod pod) => !string.IsNullOrEmpty(pod.Spec.NodeName);

    private static int PhaseRank(Pod pod) => pod.Status?.Phase switch
    {
        PodPhases.Pending or null => 0,
        PodPhases.Running => 2,
        _ => 1,
    };

    private static DateTimeOffset ReadySince(Pod pod) =>
        pod.Status.Condition(PodConditions.Ready)?.LastTransitionTime ?? DateTimeOffset.MinValue;

    private static int Restarts(Pod pod) => pod.Status?.ContainerStatuses?.Sum(s => s.RestartCount) ?? 0;
}
