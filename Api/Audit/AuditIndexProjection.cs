using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace EventOrch.Api.Audit;

/// <summary>Writes one <see cref="AuditTable"/> row per event, inline: the row commits with its event, so a query
/// right after a write sees it. Cheap by design: one insert per event added to the write's own batch, nothing read.
/// Events appended before the index existed are indexed by <see cref="AuditBackfill"/>.</summary>
public sealed class AuditIndexProjection(string schema) : IProjection
{
    public const string Name = "AuditIndex";

    private readonly string _insert = AuditTable.InsertSql(schema);

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
        {
            if (Entry(e) is { } entry) operations.QueueSqlCommand(_insert, AuditTable.InsertParameters(entry));
        }
        return Task.CompletedTask;
    }

    /// <summary>The row of <paramref name="e"/>; null for anything that is not an object's event of a known kind
    /// (Marten's tombstones).</summary>
    public static AuditEntry? Entry(IEvent e)
    {
        if (e.Data is not IObjectEvent data || StoredKinds.OfEvent(data) is not { } kind) return null;
        return new AuditEntry(e.Sequence, e.Id, e.StreamId, e.Version, kind.Kind.Kind, data.Namespace, data.Name, data.GetType().Name,
            NullIfEmpty(e.UserName), e.Timestamp, NullIfEmpty(e.CorrelationId), NullIfEmpty(e.CausationId));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
