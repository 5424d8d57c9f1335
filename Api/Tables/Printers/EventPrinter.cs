using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>Events, as Kubernetes prints them in both groups: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT
/// SOURCE FIRST SEEN COUNT NAME. OBJECT is <c>{kind in lower case}/{name}</c> of the involved object; SOURCE is
/// <c>{component}, {host}</c>.</summary>
public sealed class EventPrinter() : TablePrinter<KubeEvent>(ResourceKind.Event)
{
    public static IReadOnlyList<TableColumnDefinition> EventColumns { get; } =
    [
        Tables.Columns.Text("Last Seen", "When the event last happened (lastTimestamp, else eventTime), as an age."),
        Tables.Columns.Text("Type", "Normal or Warning."),
        Tables.Columns.Text("Reason", "Why it happened, in a word (Scheduled, BackOff, SuccessfulCreate, ...)."),
        Tables.Columns.Text("Object", "The object it is about: kind/name."),
        Tables.Columns.Wide("Subobject", "The part of the object it is about (involvedObject.fieldPath), e.g. one container."),
        Tables.Columns.Wide("Source", "Who reports it: a component, and the node for the kubelet."),
        Tables.Columns.Text("Message", "What happened, in words."),
        Tables.Columns.Wide("First Seen", "When the event first happened, as an age."),
        Tables.Columns.Wide("Count", "How many times it happened: always 1 here, every occurrence being an event of its own."),
        new TableColumnDefinition("Name", "string", "name", "The event's name.", 1),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => EventColumns;

    protected override IReadOnlyList<object?> Cells(KubeEvent e, DateTimeOffset now) =>
        Row(e.Metadata.Name, e.Type, e.Reason, e.Message, e.InvolvedObject, e.Source, e.ReportingComponent, e.ReportingInstance,
            e.FirstTimestamp, e.LastTimestamp, e.EventTime, e.Count, now);

    /// <summary>Kubernetes' printEvent: ages from the timestamps (eventTime when they are unset), count at least 1.</summary>
    public static IReadOnlyList<object?> Row(string? name, string? type, string? reason, string? message, ObjectReference? regarding,
        EventSource? source, string? reportingController, string? reportingInstance, DateTimeOffset? first, DateTimeOffset? last,
        DateTimeOffset? eventTime, int? count, DateTimeOffset now)
    {
        var firstSeen = Tables.Cells.Since(first ?? eventTime, now);
        var lastSeen = last is null ? firstSeen : Tables.Cells.Since(last, now);
        var kind = (regarding?.Kind ?? "").ToLowerInvariant();
        var target = string.IsNullOrEmpty(regarding?.Name) ? kind : $"{kind}/{regarding.Name}";
        var component = FirstNonEmpty(source?.Component, reportingController);
        var host = FirstNonEmpty(source?.Host, reportingInstance);
        return
        [
            lastSeen, type ?? "", reason ?? "", target, regarding?.FieldPath ?? "",
            host.Length == 0 ? component : $"{component}, {host}",
            (message ?? "").Trim(), firstSeen, count is > 0 ? count.Value : 1, name ?? "",
        ];
    }

    private static string FirstNonEmpty(string? a, string? b) => !string.IsNullOrEmpty(a) ? a : b ?? "";
}

/// <summary>events.k8s.io/v1 Events, printed as core Events are.</summary>
public sealed class EventsV1EventPrinter() : TablePrinter<EventsV1Event>(ResourceKind.EventsV1Event)
{
    public override IReadOnlyList<TableColumnDefinition> Columns => EventPrinter.EventColumns;

    protected override IReadOnlyList<object?> Cells(EventsV1Event e, DateTimeOffset now) =>
        EventPrinter.Row(e.Metadata.Name, e.Type, e.Reason, e.Note, e.Regarding, e.DeprecatedSource, e.ReportingController, e.ReportingInstance,
            e.DeprecatedFirstTimestamp, e.DeprecatedLastTimestamp, e.EventTime, e.DeprecatedCount, now);
}
