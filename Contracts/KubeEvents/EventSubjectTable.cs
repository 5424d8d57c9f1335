using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.KubeEvents;

/// <summary>Objects by uid (and nodes and StorageClasses by name) as the events so far left them: the state before each event that the
/// mapping compares with, kept current by folding every event it is given. The Api fills one per write from its
/// current-state projection; a replay of the whole record starts one empty.</summary>
public sealed class EventSubjectTable : IEventSubjects
{
    private readonly Dictionary<string, IKubeObject> _byUid = new(StringComparer.Ordinal);
    // Cluster-scoped objects looked up by name: (kind, name) to uid.
    private readonly Dictionary<(string Kind, string Name), string> _uidByName = [];

    public int Count => _byUid.Count;

    public IKubeObject? Find(string uid) => _byUid.GetValueOrDefault(uid);

    public Node? FindNode(string name) => FindNamed<Node>(name);

    public StorageClass? FindStorageClass(string name) => FindNamed<StorageClass>(name);

    private T? FindNamed<T>(string name) where T : class, IKubeObject =>
        _uidByName.TryGetValue((typeof(T).Name, name), out var uid) ? Find(uid) as T : null;

    public bool Contains(string uid) => _byUid.ContainsKey(uid);

    /// <summary>Adds an object as it stands now (loaded from the current state); the one it replaces is forgotten.</summary>
    public void Add(IKubeObject obj)
    {
        var uid = obj.Metadata.Uid!;
        Remove(uid);
        _byUid[uid] = obj;
        if (obj is Node or StorageClass) _uidByName[(obj.GetType().Name, obj.Metadata.Name!)] = uid;
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
        if (_byUid.Remove(uid, out var old) && old is Node or StorageClass) _uidByName.Remove((old.GetType().Name, old.Metadata.Name!));
    }
}
