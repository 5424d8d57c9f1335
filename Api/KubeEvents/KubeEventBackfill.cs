using JasperFx.Events;
using EventOrch.Api.Storage;
using EventOrch.Contracts.KubeEvents;
using Marten;

namespace EventOrch.Api.KubeEvents;

/// <summary>Projects the events appended before <see cref="KubeEventProjection"/> existed (or before its mapping last
/// changed) into Kubernetes Events, once, then writes a <see cref="KubeEventBackfillMarker"/> (see
/// <see cref="RecordBackfill"/>). An event both project gives the same Event (same name and content), so the overlap is
/// harmless.</summary>
public sealed class KubeEventBackfill(IDocumentStore store, TimeProvider time, ILogger<KubeEventBackfill> logger)
    : RecordBackfill(store, time, logger)
{
    protected override string What => $"Kubernetes Events (mapping version {KubeEventProjection.MappingVersion})";

    protected override async Task<bool> IsDoneAsync(IQuerySession query, CancellationToken cancellationToken) =>
        (await query.LoadAsync<KubeEventBackfillMarker>(KubeEventBackfillMarker.TheId, cancellationToken))?.MappingVersion
        >= KubeEventProjection.MappingVersion;

    // Events an older mapping made are replaced (the pass can start again from the first event: it writes each Event by
    // its name); those projected inline after `through` stay.
    protected override async Task PrepareAsync(long through, CancellationToken cancellationToken)
    {
        await using var clear = Store.LightweightSession();
        var bound = KubeEventMapper.PositionOf(through + 1, 0);
        clear.DeleteWhere<KubeEventRecord>(x => x.Id < bound);
        await clear.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Counts the Events written; every object's state is folded in memory as the pass goes.</summary>
    protected override Func<IDocumentSession, IEvent, long> StartPass()
    {
        var rowsOf = KubeEventProjection.FoldFromStart(Logger);
        return (session, e) =>
        {
            var rows = rowsOf(e);
            foreach (var row in rows) session.Store(row);
            return rows.Count;
        };
    }

    protected override void MarkDone(IDocumentSession session, long through, DateTimeOffset completedAt) =>
        session.Store(new KubeEventBackfillMarker { MappingVersion = KubeEventProjection.MappingVersion, Through = through, CompletedAt = completedAt });
}
