namespace EventOrch.Api.Watch;

/// <summary>The most recent changes, oldest first, in a ring of fixed capacity: the changes a watch resumes from.
/// Not thread-safe; the watch cache guards it.</summary>
public sealed class ChangeHistory(int capacity)
{
    private readonly ObjectChange[] _ring = new ObjectChange[capacity];
    private int _start;
    private int _count;

    /// <summary>The oldest resourceVersion a watch can resume from: every change after it is held.</summary>
    public long Horizon { get; private set; }

    public int Count => _count;

    /// <summary>Forgets every change; watches may resume from <paramref name="resourceVersion"/> on.</summary>
    public void Reset(long resourceVersion)
    {
        Array.Clear(_ring);
        _start = 0;
        _count = 0;
        Horizon = resourceVersion;
    }

    /// <summary>Adds a change newer than every held one, dropping the oldest when full.</summary>
    public void Append(ObjectChange change)
    {
        if (_count == _ring.Length)
        {
            // Resuming right after the dropped change is still possible: everything after it is held.
            Horizon = _ring[_start].ResourceVersion;
            _ring[_start] = change;
            _start = (_start + 1) % _ring.Length;
            return;
        }
        _ring[(_start + _count) % _ring.Length] = change;
        _count++;
    }

    /// <summary>Every held change after <paramref name="resourceVersion"/>, oldest first; false when changes after it
    /// have already been dropped.</summary>
    public bool TryGetSince(long resourceVersion, out List<ObjectChange> changes)
    {
        changes = [];
        if (resourceVersion < Horizon) return false;
        // Binary search for the first change newer than the resourceVersion.
        int low = 0, high = _count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (At(middle).ResourceVersion > resourceVersion) high = middle;
            else low = middle + 1;
        }
        for (var i = low; i < _count; i++) changes.Add(At(i));
        return true;
    }

    private ObjectChange At(int index) => _ring[(_start + index) % _ring.Length];
}
