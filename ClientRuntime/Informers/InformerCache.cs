using System.Globalization;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.ClientRuntime.Informers;

/// <summary>What became of an event offered to the cache.</summary>
public enum ApplyOutcome
{
    /// <summary>The event moved the object forward.</summary>
    Applied,

    /// <summary>Already seen, or older than what the cache holds: a duplicate or a late redelivery.</summary>
    Ignored,

    /// <summary>An event is missing before this one: the object must be fetched again.</summary>
    Gap,
}

/// <summary>An in-memory copy of every object of one kind, kept by folding events with the kind's evolver.
/// It tolerates duplicated and reordered deliveries: an event at or below an object's resourceVersion is
/// ignored, and one that skips a stream version is reported as a gap so the caller refetches.</summary>
public sealed class InformerCache<T>(IObjectEvolver<T> evolver) where T : class, IKubeObject
{
    private sealed record Entry(T Object, long Sequence, long? StreamVersion, Guid? EventId = null);

    private const int MaxTombstones = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _uidByKey = new(StringComparer.Ordinal);
    // Tombstones: the sequence at which each recently deleted object went, and the id of the event that deleted it.
    private readonly Dictionary<string, (long Sequence, Guid? EventId)> _deleted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Index> _indexes = new(StringComparer.Ordinal);

    // Objects by a value computed from them (client-go's indexers): index value -> uids.
    private sealed class Index(Func<T, string?> valueOf)
    {
        private readonly Dictionary<string, HashSet<string>> _uids = new(StringComparer.Ordinal);

        public IEnumerable<string> Uids(string value) => _uids.TryGetValue(value, out var uids) ? uids : [];

        public void Add(T obj)
        {
            if (valueOf(obj) is not { } value) return;
            if (!_uids.TryGetValue(value, out var uids)) _uids[value] = uids = new HashSet<string>(StringComparer.Ordinal);
            uids.Add(obj.Metadata.Uid!);
        }

        public void Remove(T obj)
        {
            if (valueOf(obj) is not { } value || !_uids.TryGetValue(value, out var uids)) return;
            uids.Remove(obj.Metadata.Uid!);
            if (uids.Count == 0) _uids.Remove(value);
        }
    }

    /// <summary>Called after every change with the old and the new state (null for none).</summary>
    public event Action<T?, T?>? Changed;

    public int Count
    {
        get { lock (_lock) return _byUid.Count; }
    }

    public T? Get(string? @namespace, string name)
    {
        lock (_lock)
            return _uidByKey.TryGetValue(ObjectKey.Of(@namespace, name), out var uid) ? _byUid[uid].Object : null;
    }

    /// <summary>The id of the event that last changed the object, when it came off the bus (not from a list): what a
    /// controller acting on the object names as the cause of its writes.</summary>
    public Guid? CauseOf(string? @namespace, string name)
    {
        lock (_lock)
            return _uidByKey.TryGetValue(ObjectKey.Of(@namespace, name), out var uid) ? _byUid[uid].EventId : null;
    }

    /// <summary>The id of the event that deleted the object with this uid, while its tombstone is kept and when the
    /// deletion came off the bus: what a controller cleaning up after the object names as its cause.</summary>
    public Guid? DeletionCauseOf(string uid)
    {
        lock (_lock) return _deleted.TryGetValue(uid, out var tombstone) ? tombstone.EventId : null;
    }

    public IReadOnlyList<T> List()
    {
        lock (_lock) return _byUid.Values.Select(e => e.Object).ToList();
    }

    /// <summary>Keeps the objects findable by a value computed from each (a pod's node name, say); objects without
    /// a value are not indexed. Adding an index that exists already does nothing.</summary>
    public void AddIndex(string name, Func<T, string?> valueOf)
    {
        lock (_lock)
        {
            if (_indexes.ContainsKey(name)) return;
            var index = new Index(valueOf);
            foreach (var entry in _byUid.Values) index.Add(entry.Object);
            _indexes[name] = index;
        }
    }

    /// <summary>The objects whose value in the index <paramref name="name"/> is <paramref name="value"/>.</summary>
    public IReadOnlyList<T> ByIndex(string name, string value)
    {
        lock (_lock) return _indexes[name].Uids(value).Select(uid => _byUid[uid].Object).ToList();
    }

    /// <summary>Folds one event in. <paramref name="position"/> is the event's sequence and stream version.</summary>
    public ApplyOutcome Apply(IObjectEvent @event, EventPosition position)
    {
        List<(T?, T?)> changes = [];
        ApplyOutcome outcome;
        lock (_lock)
        {
            outcome = ApplyLocked(@event, position, changes);
        }
        Raise(changes);
        return outcome;
    }

    /// <summary>Replaces the cache with a fresh list taken at <paramref name="listVersion"/>, keeping anything
    /// the cache already knows to be newer.</summary>
    public void Replace(IReadOnlyList<T> items, long listVersion)
    {
        List<(T?, T?)> changes = [];
        lock (_lock)
        {
            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var uid = item.Metadata.Uid!;
                listed.Add(uid);
                var sequence = SequenceOf(item);
                if (_deleted.TryGetValue(uid, out var deletedAt) && deletedAt.Sequence > sequence) continue;
                if (_byUid.TryGetValue(uid, out var existing) && existing.Sequence >= sequence) continue;
                Put(new Entry(item, sequence, null), existing?.Object, changes);
            }
            foreach (var (uid, entry) in _byUid.ToList())
            {
                // Absent from the list and not newer than it: deleted while we were not looking.
                if (!listed.Contains(uid) && entry.Sequence <= listVersion) Remove(uid, entry.Sequence, changes);
            }
            TrimTombstones();
        }
        Raise(changes);
    }

    /// <summary>Replaces one object after a refetch; null when the Api no longer has it.</summary>
    public void Refresh(string? @namespace, string name, T? current)
    {
        List<(T?, T?)> changes = [];
        lock (_lock)
        {
            if (_uidByKey.TryGetValue(ObjectKey.Of(@namespace, name), out var uid) && uid != current?.Metadata.Uid)
                Remove(uid, _byUid[uid].Sequence, changes);
            if (current is not null)
            {
                _byUid.TryGetValue(current.Metadata.Uid!, out var existing);
                Put(new Entry(current, SequenceOf(current), null), existing?.Object, changes);
            }
        }
        Raise(changes);
    }

    private ApplyOutcome ApplyLocked(IObjectEvent @event, EventPosition position, List<(T?, T?)> changes)
    {
        if (_deleted.ContainsKey(@event.Uid)) return ApplyOutcome.Ignored;
        _byUid.TryGetValue(@event.Uid, out var entry);
        if (entry is not null)
        {
            if (position.Sequence <= entry.Sequence) return ApplyOutcome.Ignored;
            if (entry.StreamVersion is { } known && position.Version != known + 1) return ApplyOutcome.Gap;
        }
        else if (position.Version != 1)
        {
            return ApplyOutcome.Gap;
        }

        var next = evolver.Apply(entry?.Object, @event, position);
        if (next is null) Remove(@event.Uid, position.Sequence, changes, position.EventId);
        else Put(new Entry(next, position.Sequence, position.Version, position.EventId), entry?.Object, changes);
        return ApplyOutcome.Applied;
    }

    private void Put(Entry entry, T? old, List<(T?, T?)> changes)
    {
        var uid = entry.Object.Metadata.Uid!;
        foreach (var index in _indexes.Values)
        {
            if (old is not null) index.Remove(old);
            index.Add(entry.Object);
        }
        _byUid[uid] = entry;
        _uidByKey[ObjectKey.Of(entry.Object.Metadata.Namespace, entry.Object.Metadata.Name!)] = uid;
        changes.Add((old, entry.Object));
    }

    private void Remove(string uid, long sequence, List<(T?, T?)> changes, Guid? eventId = null)
    {
        if (_byUid.Remove(uid, out var entry))
        {
            var key = ObjectKey.Of(entry.Object.Metadata.Namespace, entry.Object.Metadata.Name!);
            if (_uidByKey.TryGetValue(key, out var current) && current == uid) _uidByKey.Remove(key);
            foreach (var index in _indexes.Values) index.Remove(entry.Object);
            changes.Add((entry.Object, null));
        }
        _deleted[uid] = (sequence, eventId);
        if (_deleted.Count > 2 * MaxTombstones) TrimTombstones();
    }

    // Tombstones stop a late redelivery from resurrecting a deleted object; the newest are kept.
    private void TrimTombstones()
    {
        if (_deleted.Count <= MaxTombstones) return;
        foreach (var (uid, _) in _deleted.OrderBy(d => d.Value.Sequence).Take(_deleted.Count - MaxTombstones).ToList()) _deleted.Remove(uid);
    }

    private void Raise(List<(T?, T?)> changes)
    {
        foreach (var (old, current) in changes) Changed?.Invoke(old, current);
    }

    private static long SequenceOf(T obj) =>
        long.TryParse(obj.Metadata.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : 0;
}
