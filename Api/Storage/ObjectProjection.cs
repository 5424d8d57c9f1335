using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using JasperFx.Events;
using EventOrch.Api.Replays;
using Marten.Events.Aggregation;

namespace EventOrch.Api.Storage;

/// <summary>Keeps <see cref="ObjectRecord{T}"/> current, inline with every append, by folding the
/// kind's events with the same evolver that informers use.</summary>
public sealed class ObjectProjection<T> : SingleStreamProjection<ObjectRecord<T>, Guid>, IReplayableProjection where T : class, IKubeObject
{
    private readonly IObjectEvolver<T> _evolver;

    public ObjectProjection(IObjectEvolver<T> evolver)
    {
        _evolver = evolver;
        foreach (var type in evolver.EventTypes) IncludeType(type);
    }

    public override ObjectRecord<T>? Evolve(ObjectRecord<T>? snapshot, Guid id, IEvent e)
    {
        if (e.Data is not IObjectEvent data) return snapshot;
        var next = _evolver.Apply(snapshot?.Object, data, new EventPosition(e.Sequence, e.Version, e.Timestamp));
        if (next is null) return null;
        return new ObjectRecord<T>
        {
            Id = id,
            Namespace = data.Namespace,
            Name = data.Name,
            Key = ObjectRecord<T>.KeyOf(data.Namespace, data.Name),
            Sequence = e.Sequence,
            Version = e.Version,
            Object = next,
        };
    }

    /// <summary>A replay rebuilds this kind's table with <see cref="Evolve"/> itself.</summary>
    public IReplayedProjection ForReplay() => new ObjectRecordReplay<T>(this, _evolver);
}
