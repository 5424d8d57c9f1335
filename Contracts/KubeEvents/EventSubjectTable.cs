using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.KubeEvents;

/// <summary>Objects by uid (and nodes by name) as the events so far left them: the state before each event that the
/// mapping compares with, kept current by folding every event it is given. The Api fills one per write from its
/// current-state projection; a replay of the whole record starts one empty.</summary>
public sealed class EventSubjectTable : IEventSubjects
{
    private readonly Dictionary<string, IKubeObject> _byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nodeUidByName = new(StringComparer.Ordinal);

    public int Count => _byUid.Count;

    public IKubeObject? Find(string uid) => _byUid.GetValueOrDefault(uid);

    public Node? FindNode(string name) => _nodeUidByName.TryGetValue(name, out var uid) ? Find(uid) as Node : null;

    public bool Contains(string uid) => _byUid.ContainsKey(uid);

    /// <summary>Adds an object as it stands now (loaded from the current state); the one it replaces is forgotten.</summary>
    public void Add(IKubeObject obj)
    {
        var uid = obj.Metadata.Uid!;
        Remove(uid);
        _byUid[uid] = obj;
        if (obj is Node) _nodeUidByName[obj.Metadata.Name!] = uid;
    }

    /// <summary>The Kubernetes Events of <paramref name="e"/>, given the state before it; then folds it in. The fold
    /// happens even when the mapping throws, so one bad event cannot skew the ones after it.</summary>
    public IReadOnlyList<KubeEvent> Apply(RecordedEvent e)
    {
        if (EventSubjectKinds.KindOf(e.Data) is null) return [];
        var before = Find(e.Data.Uid);
        try
        {
            return KubeEventMapper.From(e, before, this);
        }
        finally
        {
            if (before is not null || EventSubjectKinds.IsCreate(e.Data))
            {
                if (EventSubjectKinds.Apply(before, e.Data, e.Position) is { } after) Add(after);
                else Remove(e.Data.Uid);
            }
        }
    }

    private void Remove(string uid)
    {
        if (_byUid.Remove(uid, out var old) && old is Node) _nodeUidByName.Remove(old.Metadata.Name!);
    }
}
