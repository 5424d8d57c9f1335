using EventOrch.Api.Requests;
using EventOrch.Contracts.Diffing;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Audit;
using Marten;

namespace EventOrch.Api.Audit;

/// <summary>Builds a <see cref="CausalChain"/>: from one event of an object, follows causation ids back through the audit
/// index to the request at the root, saying at each step what the event did and who did it.</summary>
public sealed class CausalityReader(IDocumentStore store, AuditQueries audit)
{
    /// <summary>A chain longer than this is cut: causes do not loop, but a bad causation id must not make one.</summary>
    public const int MaxSteps = 64;

    /// <summary>Why the object of <paramref name="kind"/> held by <paramref name="name"/> (the one with
    /// <paramref name="uid"/>, or the one a history would show) had its event at <paramref name="resourceVersion"/>, or,
    /// by default, its first event.</summary>
    public async Task<ApiResult<CausalChain>> ExplainAsync(ResourceKind kind, string @namespace, string name, string? uid, string? resourceVersion,
        CancellationToken cancellationToken)
    {
        long? sequence = null;
        if (resourceVersion is not null)
        {
            if (!long.TryParse(resourceVersion, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
                return ApiErrors.BadRequest($"resourceVersion \"{resourceVersion}\" is not a valid resourceVersion", "resourceVersion");
            sequence = parsed;
        }
        var resolved = await ObjectStreams.ResolveAsync(audit, kind, @namespace, name, uid, cancellationToken);
        if (!resolved.IsSuccess) return resolved.Error!;
        var chosen = resolved.Value!.Chosen;

        // One event read by its sequence (the object's first by default), not the whole stream.
        var start = await audit.EventAtAsync(sequence ?? chosen.FirstSequence, cancellationToken);
        if (start is null || start.Uid != chosen.Uid)
        {
            return ApiErrors.BadRequest(
                $"resourceVersion {resourceVersion} is not an event of {kind.Plural} \"{name}\" (uid {chosen.Uid}): its {chosen.Events} events run from "
                + $"resourceVersion {chosen.FirstSequence} to {chosen.LastSequence}; its history lists them",
                "resourceVersion");
        }
        return await FollowAsync(start, HistoryReader.Reference(kind, @namespace, name, chosen.Uid), cancellationToken);
    }

    private async Task<CausalChain> FollowAsync(AuditEntry start, ObjectReference subject, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry> { start };
        var notes = new Dictionary<int, string>();
        string root, message;
        while (true)
        {
            var current = entries[^1];
            if (current.CausationId is not { } causation)
            {
                (root, message) = Actors.IsComponent(current.User)
                    ? (CausalRoots.NoRecordedCause, $"{current.User} recorded no cause for {current.EventType} (a component that learnt of the object from a list, not an event, names none)")
                    : (CausalRoots.UserRequest, $"{current.User ?? Actors.Unknown} requested it (request {current.CorrelationId ?? "unrecorded"})");
                break;
            }
            var cause = Guid.TryParse(causation, out var id) ? await audit.EventAsync(id, cancellationToken) : null;
            if (cause is null)
            {
                (root, message) = (CausalRoots.CauseNotFound, $"the cause of {current.EventType}, event {causation}, is not in the record");
                break;
            }
            (cause, var note) = await ActedOnAsync(cause, cancellationToken);
            if (note is not null) notes[entries.Count - 1] = note;
            if (entries.Count == MaxSteps || entries.Any(e => e.EventId == cause.EventId))
            {
                (root, message) = (CausalRoots.CauseNotFound, $"the chain was cut after {entries.Count} steps");
                break;
            }
            entries.Add(cause);
        }

        var steps = new List<CausalStep>();
        await using var session = store.QuerySession();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var (action, reason) = await ActionAsync(session, entry, cancellationToken);
            steps.Add(new CausalStep
            {
                Object = HistoryReader.Reference(StoredKinds.Named(entry.Kind)!.Kind, entry.Namespace, entry.Name, entry.Uid, entry.Sequence),
                Type = entry.EventType,
                EventId = entry.EventId.ToString(),
                Time = entry.Timestamp,
                User = entry.User,
                Actor = Actors.Of(entry, i + 1 < entries.Count ? entries[i + 1] : null),
                ByComponent = Actors.IsComponent(entry.User),
                Verb = action.Verb,
                Detail = action.Detail,
                CorrelationId = entry.CorrelationId,
                CausationId = entry.CausationId,
                Note = notes.GetValueOrDefault(i),
                Reason = reason,
            });
        }
        return new CausalChain { Object = subject, Steps = steps, Root = root, Message = message };
    }

    private static readonly HashSet<string> WorkloadStatusTypes = new(StringComparer.Ordinal)
    {
        nameof(Contracts.Events.ReplicaSetStatusChanged), nameof(Contracts.Events.ReplicationControllerStatusChanged),
        nameof(Contracts.Events.DeploymentStatusChanged),
    };

    // A controller names its workload's latest event as the cause of what it does, and that may be the controller's own
    // status write rather than the change it acts on; a status says what was observed, never what is wanted, so the
    // change acted on is the workload's newest spec or metadata change up to that status write.
    private async Task<(AuditEntry Cause, string? Note)> ActedOnAsync(AuditEntry cause, CancellationToken cancellationToken)
    {
        if (!WorkloadStatusTypes.Contains(cause.EventType)) return (cause, null);
        var stream = await audit.StreamAsync(cause.Uid, cancellationToken);
        var wanted = stream.LastOrDefault(e => e.Sequence <= cause.Sequence && !WorkloadStatusTypes.Contains(e.EventType));
        if (wanted is null) return (cause, null);
        return (wanted, $"the recorded cause, {cause.EventType} at resourceVersion {cause.Sequence}, is a status write; "
            + $"the change acted on is {wanted.EventType} at resourceVersion {wanted.Sequence}");
    }

    // What the event did: its stream folded up to it, the state before and after compared; and the writer's reason.
    private static async Task<(EventAction Action, string? Reason)> ActionAsync(IQuerySession session, AuditEntry entry, CancellationToken cancellationToken)
    {
        var kind = StoredKinds.Named(entry.Kind)!;
        var folded = await StreamFold.ReadAsync(session, kind, entry.Uid, entry.Sequence, cancellationToken);
        if (folded.LastOrDefault() is not { } e || e.Event.Sequence != entry.Sequence) return (new EventAction("changed", null), null);
        var changes = ObjectDiff.Compare(e.Before, e.After, kind.ModelType, ObjectDiffOptions.ForKind(kind.Kind));
        return (EventActions.Of(e.Data, changes), e.Event.GetHeader(Requests.WriteContext.ReasonHeader)?.ToString());
    }
}
