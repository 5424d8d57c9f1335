using System.Globalization;
using EventOrch.Api.Requests;
using EventOrch.Api.Resources;
using EventOrch.Contracts.Diffing;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Audit;
using Marten;

namespace EventOrch.Api.Audit;

/// <summary>Builds an object's <see cref="ObjectHistory"/>: its stream folded with its kind's evolver, each event with
/// the fields it changed.</summary>
public sealed class HistoryReader(IDocumentStore store, AuditQueries audit)
{
    public async Task<ApiResult<ObjectHistory>> ReadAsync<T>(ResourceDefinition<T> definition, string @namespace, string name, string? uid,
        CancellationToken cancellationToken) where T : class, IKubeObject
    {
        var resolved = await ObjectStreams.ResolveAsync(audit, definition.Kind, @namespace, name, uid, cancellationToken);
        if (!resolved.IsSuccess) return resolved.Error!;
        var (chosen, all) = resolved.Value!;

        await using var session = store.QuerySession();
        var folded = await StreamFold.ReadAsync(session, StoredKinds.Of(definition.Kind)!, chosen.Uid, long.MaxValue, cancellationToken);
        var options = ObjectDiffOptions.ForKind(definition.Kind);
        return new ObjectHistory
        {
            Metadata = new ListMeta { ResourceVersion = Text(chosen.LastSequence) },
            Object = Reference(definition.Kind, @namespace, name, chosen.Uid),
            Deleted = chosen.Deleted,
            Streams = [.. all.Select(s => new HistoryStream
            {
                Uid = s.Uid.ToString(),
                FirstResourceVersion = Text(s.FirstSequence),
                LastResourceVersion = Text(s.LastSequence),
                CreatedAt = s.FirstTimestamp,
                DeletedAt = s.DeletedAt,
                Events = s.Events,
            })],
            Events = [.. folded.Select(f => new HistoryEvent
            {
                ResourceVersion = Text(f.Event.Sequence),
                StreamVersion = f.Event.Version,
                Time = f.Event.Timestamp,
                Type = f.Data.GetType().Name,
                User = NullIfEmpty(f.Event.UserName),
                EventId = f.Event.Id.ToString(),
                CorrelationId = NullIfEmpty(f.Event.CorrelationId),
                CausationId = NullIfEmpty(f.Event.CausationId),
                Reason = f.Event.GetHeader(WriteContext.ReasonHeader)?.ToString(),
                // A delete changes no field: the object is gone.
                Changes = f.Data is IDeletedEvent ? [] : [.. ObjectDiff.Compare(Open(definition, f.Before), Open(definition, f.After), typeof(T), options)],
            })],
        };
    }

    /// <summary>A reference to an object of <paramref name="kind"/>.</summary>
    public static ObjectReference Reference(ResourceKind kind, string @namespace, string name, Guid uid, long? sequence = null) => new()
    {
        ApiVersion = kind.ApiVersion,
        Kind = kind.Kind,
        Namespace = kind.Namespaced ? @namespace : null,
        Name = name,
        Uid = uid.ToString(),
        ResourceVersion = sequence is { } s ? Text(s) : null,
    };

    // A Secret is compared opened, so a change of one key shows as that key (its value hidden by the diff's options).
    private static object? Open<T>(ResourceDefinition<T> definition, IKubeObject? state) where T : class, IKubeObject =>
        state is T stored && definition.Open(stored) is { IsSuccess: true } opened ? opened.Value : state;

    private static string Text(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
