using System.Globalization;
using System.Text.Json;
using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using Marten;

namespace EventOrch.Api.Audit;

/// <summary>Objects as they were at a past point of the record (<c>?asOf=</c>): the streams that lived then, found in
/// the audit index, folded up to that point with their kind's evolver, the fold the projections use. Deleted objects
/// are there as they were before their delete.</summary>
/// <remarks>A get starts from the newest <see cref="ObjectSnapshot"/> of the object at or before the point, and leaves a
/// snapshot every <see cref="SnapshotEvery"/> stream versions it folds past, so a long history is folded once.</remarks>
public sealed class PastObjects(IDocumentStore store, AuditQueries audit, TimeProvider time)
{
    /// <summary>How many events apart the snapshots a get leaves are.</summary>
    public const int SnapshotEvery = 200;

    /// <summary>The sequence <paramref name="asOf"/> names: a resourceVersion as it is, or an RFC 3339 time as the newest
    /// event committed at or before it. A point after the newest event, or one that is neither, is a 400 naming asOf.</summary>
    public async Task<ApiResult<long>> ResolveAsync(string asOf, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        if (long.TryParse(asOf, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            if (sequence == 0) return ApiErrors.BadRequest("asOf resourceVersion must be positive", "asOf");
            var newest = await EventSequence.NewestAsync(session, cancellationToken);
            if (sequence > newest)
                return ApiErrors.BadRequest($"asOf resourceVersion {sequence} is newer than the newest one, {newest}", "asOf");
            return sequence;
        }
        if (!Rfc3339.TryParse(asOf, out var at))
            return ApiErrors.BadRequest($"asOf \"{asOf}\" is neither a resourceVersion nor an RFC 3339 time (2026-11-24T10:00:00Z)", "asOf");
        if (at > time.GetUtcNow()) return ApiErrors.BadRequest($"asOf {asOf} is in the future", "asOf");
        return await audit.SequenceAtAsync(at, cancellationToken);
    }

    /// <summary>The object of <paramref name="kind"/> that held the name just after <paramref name="sequence"/>, as it
    /// was then; null when none did.</summary>
    public async Task<IKubeObject?> GetAsync(StoredKind kind, string @namespace, string name, long sequence, CancellationToken cancellationToken)
    {
        var streams = await audit.StreamsAsync(kind.Kind.Kind, @namespace, name, cancellationToken);
        // Names are unique among living objects, so at most one stream lived at any point.
        var living = streams.FirstOrDefault(s => s.FirstSequence <= sequence && (!s.Deleted || s.LastSequence > sequence));
        if (living is null) return null;
        await using var session = store.QuerySession();
        var snapshot = await session.Query<ObjectSnapshot>()
            .Where(x => x.StreamId == living.Uid && x.Sequence <= sequence)
            .OrderByDescending(x => x.Version).FirstOrDefaultAsync(cancellationToken);
        var state = snapshot is null ? null : (IKubeObject?)JsonSerializer.Deserialize(snapshot.State, kind.ModelType, KubeJson.Options);
        var events = await StreamFold.EventsAsync(session, living.Uid, snapshot?.Version ?? 0, sequence, cancellationToken);
        var made = new List<ObjectSnapshot>();
        foreach (var (e, _, _, after) in StreamFold.Fold(kind, state, events))
        {
            state = after;
            if (e.Version % SnapshotEvery == 0 && state is not null)
            {
                made.Add(new ObjectSnapshot
                {
                    Id = ObjectSnapshot.IdOf(living.Uid, e.Version), StreamId = living.Uid, Version = e.Version, Sequence = e.Sequence,
                    State = JsonSerializer.Serialize(state, kind.ModelType, KubeJson.Options),
                });
            }
        }
        if (made.Count > 0)
        {
            await using var writes = store.LightweightSession();
            writes.Store<ObjectSnapshot>(made);
            await writes.SaveChangesAsync(cancellationToken);
        }
        return state;
    }

    /// <summary>Every object of <paramref name="kind"/> (in <paramref name="namespace"/>, or everywhere when null) that
    /// lived just after <paramref name="sequence"/>, as it was then, in no particular order.</summary>
    public async Task<IReadOnlyList<IKubeObject>> ListAsync(StoredKind kind, string? @namespace, long sequence, CancellationToken cancellationToken)
    {
        var uids = await audit.StreamsLivingAtAsync(kind.Kind.Kind, @namespace, sequence, cancellationToken);
        if (uids.Count == 0) return [];
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(uids.ToArray()) && e.Sequence <= sequence)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        return [.. events.GroupBy(e => e.StreamId).Select(stream => StreamFold.Fold(kind, null, stream).LastOrDefault()?.After).OfType<IKubeObject>()];
    }
}
