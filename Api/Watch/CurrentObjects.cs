using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Watch;

/// <summary>The current objects of every watched kind, folded event by event with the kinds' evolvers.
/// Not thread-safe; the watch cache guards it.</summary>
public sealed class CurrentObjects
{
    private readonly Dictionary<Type, IWatchedKind> _kindsByEventType = [];
    private readonly Dictionary<Type, Dictionary<Guid, Entry>> _objectsByKind = [];

    private readonly record struct Entry(long Version, IKubeObject Object);

    public CurrentObjects(IEnumerable<IWatchedKind> kinds)
    {
        foreach (var kind in kinds)
        {
            _objectsByKind[kind.ObjectType] = [];
            foreach (var type in kind.EventTypes) _kindsByEventType[type] = kind;
        }
    }

    /// <summary>The kind an event belongs to; null for anything else (Marten's tombstones, say).</summary>
    public IWatchedKind? KindOf(object? data) =>
        data is IObjectEvent && _kindsByEventType.TryGetValue(data.GetType(), out var kind) ? kind : null;

    /// <summary>Replaces everything with what the store holds.</summary>
    public void Load(IEnumerable<(IWatchedKind Kind, StoredObject Stored)> objects)
    {
        foreach (var kind in _objectsByKind.Values) kind.Clear();
        foreach (var (kind, stored) in objects) _objectsByKind[kind.ObjectType][stored.StreamId] = new Entry(stored.Version, stored.Object);
    }

    /// <summary>Folds the event at <paramref name="version"/> of stream <paramref name="streamId"/> into the object.
    /// An event the object already reflects changes nothing; one that does not follow the last folded event (a
    /// stream whose history the cache has not seen) is <see cref="FoldResult.MissingHistory"/>.</summary>
    public FoldResult Fold(IWatchedKind kind, Guid streamId, long version, EventPosition position, IObjectEvent @event)
    {
        var objects = _objectsByKind[kind.ObjectType];
        var found = objects.TryGetValue(streamId, out var current);
        var known = found ? current.Version : 0;
        if (version <= known) return FoldResult.Unchanged;
        if (version != known + 1) return FoldResult.MissingHistory;
        var before = found ? current.Object : null;
        return FoldResult.Of(Put(kind, objects, streamId, version, before, kind.Apply(before, @event, position), position.Sequence));
    }

    /// <summary>Sets the object to <paramref name="after"/>, its state at <paramref name="version"/> as rebuilt from its
    /// whole stream; the change is from the state the cache last had.</summary>
    public ObjectChange? Replace(IWatchedKind kind, Guid streamId, long version, IKubeObject? after, long resourceVersion)
    {
        var objects = _objectsByKind[kind.ObjectType];
        var before = objects.TryGetValue(streamId, out var current) ? current.Object : null;
        return Put(kind, objects, streamId, version, before, after, resourceVersion);
    }

    /// <summary>The current objects of <paramref name="kind"/> in <paramref name="namespace"/> (every namespace when null),
    /// in namespace and name order, as a list orders them.</summary>
    public List<IKubeObject> Current(Type kind, string? @namespace) =>
        [.. _objectsByKind[kind].Values
            .Select(e => e.Object)
            .Where(o => @namespace is null || o.Metadata.Namespace == @namespace)
            .OrderBy(o => o.Metadata.Namespace ?? "", StringComparer.Ordinal)
            .ThenBy(o => o.Metadata.Name ?? "", StringComparer.Ordinal)];

    private static ObjectChange? Put(IWatchedKind kind, Dictionary<Guid, Entry> objects, Guid streamId, long version,
        IKubeObject? before, IKubeObject? after, long resourceVersion)
    {
        if (after is null) objects.Remove(streamId);
        else objects[streamId] = new Entry(version, after);
        return before is null && after is null ? null : new ObjectChange(resourceVersion, kind.ObjectType, before, after);
    }
}

/// <summary>What folding one event did: a change (or none), or the need for the object's whole stream.</summary>
public readonly record struct FoldResult(ObjectChange? Change, bool NeedsHistory)
{
    public static FoldResult Unchanged => default;
    public static FoldResult MissingHistory => new(null, true);
    public static FoldResult Of(ObjectChange? change) => new(change, false);
}
