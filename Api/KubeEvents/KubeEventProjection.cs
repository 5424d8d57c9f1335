using EventOrch.Contracts.KubeEvents;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventOrch.Api.KubeEvents;

/// <summary>Projects the domain events of the kinds <see cref="EventSubjectKinds"/> names into Kubernetes Events
/// (<see cref="KubeEventRecord"/>), one document per Event, never expiring.</summary>
/// <remarks>
/// Inline rather than async, for three reasons. Reads are consistent with writes: the Events of a write are committed
/// with it, so <c>kubectl describe</c> right after a change shows it, and a list's resourceVersion (the newest event's
/// sequence) covers every Event it returns. The state before each event, which the mapping compares with (was the
/// container running? was the node Ready?), is the current-state projection as committed before the write, read in
/// the same transaction; an async projection would have to keep its own copy of every object, and the daemon builds a
/// page while the previous one commits, so that copy could lag. And the cost is bounded: writes of other kinds read
/// nothing; a write of a kind that makes Events reads its object once more (and a component's create, delete or scale
/// its owner, a new claim its StorageClass), and adds an insert per Event to the write's own batch. Events appended
/// before this projection existed are projected by <see cref="KubeEventBackfill"/>.
/// </remarks>
public sealed partial class KubeEventProjection(ILogger<KubeEventProjection>? logger = null) : IProjection
{
    public const string Name = "KubeEvents";

    /// <summary>The version of the mapping; raising it makes the next start project the whole record again.</summary>
    // 2: FailedCreate from a ReplicaSet or ReplicationController status taking the ReplicaFailure condition.
    // 3: SuccessfulAttachVolume and FailedAttachVolume from a VolumeAttachment's status.
    // 4: a claim's WaitForFirstConsumer, ProvisioningFailed, ExternalProvisioning, ProvisioningSucceeded and VolumeResizeSuccessful.
    public const int MappingVersion = 4;

    private readonly ILogger _logger = logger ?? NullLogger<KubeEventProjection>.Instance;

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var recorded = events.OrderBy(e => e.Sequence).Select(RecordedEvents.From)
            .OfType<RecordedEvent>().Where(e => EventSubjectKinds.KindOf(e.Data) is not null).ToList();
        if (recorded.Count == 0 || !recorded.Any(e => EventSubjectKinds.Produces(EventSubjectKinds.KindOf(e.Data)!))) return;
        var subjects = await CurrentSubjects.LoadAsync(operations, recorded, cancellation);
        foreach (var e in recorded)
        {
            foreach (var kubeEvent in Map(subjects, e, _logger)) operations.Store(KubeEventRecord.Of(kubeEvent));
        }
    }

    /// <summary>The Events of one event, folding it into <paramref name="subjects"/>; a mapping that fails is logged and
    /// gives none: the view must never refuse a write, nor stop a replay.</summary>
    public static IReadOnlyList<Contracts.Model.KubeEvent> Map(EventSubjectTable subjects, RecordedEvent e, ILogger logger)
    {
        try
        {
            return subjects.Apply(e);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogMappingFailed(logger, ex, e.Data.GetType().Name, e.Sequence);
            return [];
        }
    }

    /// <summary>A fold of the record from its first event, for the passes that read it in order (the backfill, a replay):
    /// each event's Event rows, mapped against an <see cref="EventSubjectTable"/> that folds every event it is given, so the
    /// state before each event is kept in memory instead of read from the current-state tables.</summary>
    public static Func<IEvent, IReadOnlyList<KubeEventRecord>> FoldFromStart(ILogger logger)
    {
        var subjects = new EventSubjectTable();
        return e => RecordedEvents.From(e) is { } recorded ? [.. Map(subjects, recorded, logger).Select(KubeEventRecord.Of)] : [];
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Error, Message = "Could not make Kubernetes Events of {EventType} at sequence {Sequence}; it has none")]
    private static partial void LogMappingFailed(ILogger logger, Exception exception, string eventType, long sequence);
}
