using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using JasperFx.Events;
using Marten;

namespace EventOrch.Api.Audit;

/// <summary>One event of a stream with the object's state before and after it.</summary>
public sealed record FoldedEvent(IEvent Event, IObjectEvent Data, IKubeObject? Before, IKubeObject? After);

/// <summary>Reads one object's stream up to a point and folds it with its kind's evolver (the fold the projections use),
/// keeping the state after every event.</summary>
public static class StreamFold
{
    /// <summary>The events of stream <paramref name="uid"/> up to <paramref name="throughSequence"/>, oldest first, each
    /// with the state before and after it.</summary>
    public static async Task<IReadOnlyList<FoldedEvent>> ReadAsync(IQuerySession session, StoredKind kind, Guid uid, long throughSequence,
        CancellationToken cancellationToken) =>
        [.. Fold(kind, null, await EventsAsync(session, uid, 0, throughSequence, cancellationToken))];

    /// <summary>The events of stream <paramref name="uid"/> after version <paramref name="afterVersion"/> up to
    /// <paramref name="throughSequence"/>, oldest first: none later than the point is read.</summary>
    public static async Task<IReadOnlyList<IEvent>> EventsAsync(IQuerySession session, Guid uid, long afterVersion, long throughSequence,
        CancellationToken cancellationToken) =>
        await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == uid && e.Version > afterVersion && e.Sequence <= throughSequence)
            .OrderBy(e => e.Version)
            .ToListAsync(cancellationToken);

    /// <summary>Folds <paramref name="events"/>, one stream's oldest first, onto <paramref name="state"/>: each object
    /// event with the state before and after it, as the fold goes.</summary>
    public static IEnumerable<FoldedEvent> Fold(StoredKind kind, IKubeObject? state, IEnumerable<IEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Data is not IObjectEvent data) continue;
            var after = kind.Apply(state, data, new EventPosition(e.Sequence, e.Version, e.Timestamp, e.Id));
            yield return new FoldedEvent(e, data, state, after);
            state = after;
        }
    }
}
