using EventOrch.Api.KubeEvents;
using EventOrch.Contracts.KubeEvents;

namespace EventOrch.Api.Replays;

/// <summary>How Kubernetes Events (table <c>kube_events</c>) are replayed: as <see cref="KubeEventBackfill"/> does, each
/// event is mapped by <see cref="KubeEventProjection.Map"/> against an <see cref="EventSubjectTable"/> that folds every
/// event it is given, the state before each event that the inline projection reads from the current-state tables.</summary>
public static class KubeEventReplay
{
    public static IReplayedProjection Definition { get; } = new EventRowsReplay<KubeEventRecord>("Event",
        logger =>
        {
            var subjects = new EventSubjectTable();
            return e => RecordedEvents.From(e) is { } recorded
                ? KubeEventProjection.Map(subjects, recorded, logger).Select(KubeEventRecord.Of)
                : [];
        },
        row => new RowSubject(RowFields.Text(row, "namespace"), RowFields.Text(row, "name"), RowFields.Text(row, "event", "metadata", "uid")));
}
