using EventOrch.Api.Resources;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using Marten;

namespace EventOrch.Api.Watch;

/// <summary>One kind as the watch cache sees it: which events are its own, how they fold (the kind's evolver, as in
/// its projection), how its current objects are loaded and how its fields are selected.</summary>
public interface IWatchedKind
{
    /// <summary>The object type (Pod, Node, ...), which names the kind in the cache.</summary>
    Type ObjectType { get; }

    ResourceKind Kind { get; }

    IReadOnlyList<Type> EventTypes { get; }

    /// <summary>The state after <paramref name="event"/>; null once the object is deleted.</summary>
    IKubeObject? Apply(IKubeObject? current, IObjectEvent @event, EventPosition position);

    /// <summary>Every live object of the kind, from its projection, with its stream id and version.</summary>
    Task<IReadOnlyList<StoredObject>> LoadAsync(IQuerySession session, CancellationToken cancellationToken);

    bool IsSelectable(string field);

    string? FieldValue(IKubeObject obj, string field);

    /// <summary>The object with another metadata.resourceVersion (a DELETED event carries the deletion's).</summary>
    IKubeObject WithResourceVersion(IKubeObject obj, long resourceVersion);
}

/// <summary>A live object as loaded from its projection.</summary>
public sealed record StoredObject(Guid StreamId, long Version, IKubeObject Object);

/// <summary>The watch cache's view of kind <typeparamref name="T"/>; registered with the kind (ApiServiceExtensions.AddKind),
/// so every served kind is watched without code of its own.</summary>
public sealed class WatchedKind<T>(ResourceDefinition<T> definition) : IWatchedKind where T : class, IKubeObject
{
    public Type ObjectType => typeof(T);

    public ResourceKind Kind => definition.Kind;

    public IReadOnlyList<Type> EventTypes => definition.Evolver.EventTypes;

    public IKubeObject? Apply(IKubeObject? current, IObjectEvent @event, EventPosition position) =>
        definition.Evolver.Apply((T?)current, @event, position);

    public async Task<IReadOnlyList<StoredObject>> LoadAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        var records = await session.Query<ObjectRecord<T>>().ToListAsync(cancellationToken);
        return [.. records.Select(r => new StoredObject(r.Id, r.Version, r.Object))];
    }

    public bool IsSelectable(string field) => definition.IsSelectable(field);

    public string? FieldValue(IKubeObject obj, string field) => definition.FieldValue((T)obj, field);

    public IKubeObject WithResourceVersion(IKubeObject obj, long resourceVersion) =>
        definition.WithMetadata((T)obj, obj.Metadata with { ResourceVersion = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) });
}
