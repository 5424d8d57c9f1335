using System.Text.Json;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using JasperFx.Events;

namespace EventOrch.Api.Replays;

/// <summary>Rebuilds one kind's current-state table (<see cref="ObjectRecord{T}"/>) by handing each of the kind's events to
/// the live <see cref="ObjectProjection{T}"/>'s own <c>Evolve</c>, stream by stream, as Marten does inline; the records
/// are held in memory (only live objects: a delete drops its record) and written at the end.</summary>
public sealed class ObjectRecordReplay<T>(ObjectProjection<T> projection, IObjectEvolver<T> evolver) : IReplayedProjection
    where T : class, IKubeObject
{
    public string Kind => evolver.Kind.Kind;
    public Type DocumentType => typeof(ObjectRecord<T>);
    public IReplayedTable Table { get; } = new DocumentTable(typeof(ObjectRecord<T>));

    public IProjectionRebuild Start(ILogger logger) => new Rebuild(projection, [.. evolver.EventTypes]);

    public RowSubject Describe(JsonElement row) =>
        new(RowFields.Text(row, "namespace"), RowFields.Text(row, "name"), RowFields.Text(row, "id"));

    private sealed class Rebuild(ObjectProjection<T> projection, HashSet<Type> eventTypes) : IProjectionRebuild
    {
        private readonly Dictionary<Guid, ObjectRecord<T>> _records = [];

        public void Apply(IEvent e)
        {
            // Marten hands the projection only the types it includes; so does the replay.
            if (!eventTypes.Contains(e.EventType)) return;
            var next = projection.Evolve(_records.GetValueOrDefault(e.StreamId), e.StreamId, e);
            if (next is null) _records.Remove(e.StreamId);
            else _records[e.StreamId] = next;
        }

        public IReadOnlyList<object> TakeFinished() => [];

        public IReadOnlyList<object> Finish() => [.. _records.Values];
    }
}
