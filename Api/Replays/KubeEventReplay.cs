using EventOrch.Api.KubeEvents;

namespace EventOrch.Api.Replays;

/// <summary>How Kubernetes Events (table <c>kube_events</c>) are replayed: with the fold <see cref="KubeEventBackfill"/>
/// runs, <see cref="KubeEventProjection.FoldFromStart"/>.</summary>
public static class KubeEventReplay
{
    public static IReplayedProjection Definition { get; } = new EventRowsReplay<KubeEventRecord>("Event", KubeEventProjection.FoldFromStart,
        row => new RowSubject(RowFields.Text(row, "namespace"), RowFields.Text(row, "name"), RowFields.Text(row, "event", "metadata", "uid")));
}
