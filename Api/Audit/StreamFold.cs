using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using JasperFx.Events;
using Marten;

namespace EventOrch.Api.Audit;

/// <summary>One event of a stream with the object's state before and after it.</summary>
public sealed record FoldedEvent(IEvent Event, IObjectEvent Data, IKubeObject? Before, IKubeObject? After);

/// <summary>Reads one object's stream and folds it with its kind's evolver (the fold the projections use), keeping the
/// state after every event.</summary>
public static class StreamFold
{
    /// <summary>The events of stream <paramref name="uid"/> up to <paramref name="throughSequence"/>, oldest first, each
    /// with the state before and after it.</summary>
    public static async Task<IReadOnlyList<FoldedEvent>> ReadAsync(IQuerySession session, StoredKind kind, Guid uid, long throughSequence,
        CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchStreamAsync(uid, token: cancellationToken);
        var folded = new List<FoldedEvent>(events.Count);
        IKubeObject? state = null;
        foreach (var e in events.OrderBy(e => e.Version))
        {
            if (e.Sequence > throughSequence) break;
            if (e.Data is not IObjectEvent data) continue;
            var after = kind.Apply(state, data, new EventPosition(e.Sequence, e.Version, e.Timestamp, e.Id));
            folded.Add(new FoldedEvent(e, data, state, after));
            state = after;
        }
        return folded;
    }
}
