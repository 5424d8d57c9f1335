using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;

namespace EventOrch.Scheduler.Placement;

/// <summary>The scheduler's view of the cluster, kept change by change from the informers (Kubernetes' scheduler
/// cache): each node with the pods bound to it, plus the pods this scheduler has assumed onto a node while their
/// binding makes its way back through the bus. A change rebuilds only the one node it touches, so a scheduling
/// cycle costs O(nodes), not O(pods).</summary>
public sealed class SchedulerCache
{
    /// <summary>Follows the informers from their first list on: it must be made before they start.</summary>
    public SchedulerCache(Informer<Pod> pods, Informer<Node> nodes)
    {
        pods.Cache.Changed += OnPodChanged;
        nodes.Cache.Changed += OnNodeChanged;
    }

    /// <summary>A cache fed by calling <see cref="OnPodChanged"/> and <see cref="OnNodeChanged"/> directly.</summary>
    public SchedulerCache()
    {
    }

    private sealed class NodeEntry(string name)
    {
        public string Name { get; } = name;
        public Node? Node;
        public readonly Dictionary<string, Pod> Pods = new(StringComparer.Ordinal);
        public NodeInfo? Info;
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<string, NodeEntry> _nodes = new(StringComparer.Ordinal);
    // Where each counted pod is (uid -> node name), and which of them are only assumed so far.
    private readonly Dictionary<string, string> _placed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _assumed = new(StringComparer.Ordinal);
    private NodeInfo[]? _snapshot;

    public int AssumedCount
    {
        get { lock (_gate) return _assumed.Count; }
    }

    public bool IsAssumed(string uid)
    {
        lock (_gate) return _assumed.Contains(uid);
    }

    public void OnNodeChanged(Node? old, Node? current)
    {
        lock (_gate)
        {
            if (current is null)
            {
                if (old is not null && _nodes.TryGetValue(old.Metadata.Name!, out var gone))
                {
                    gone.Node = null;
                    Touch(gone);
                }
                return;
            }
            var entry = Entry(current.Metadata.Name!);
            entry.Node = current;
            Touch(entry);
        }
    }

    /// <summary>A pod counts on its node while it is bound there and has not finished; a pod this scheduler assumed
    /// stays where it was assumed until the informer shows its binding, or it is deleted.</summary>
    public void OnPodChanged(Pod? old, Pod? current)
    {
        var uid = (current ?? old)?.Metadata.Uid;
        if (uid is null) return;
        lock (_gate)
        {
            if (current is not null && !string.IsNullOrEmpty(current.Spec.NodeName) && !IsFinished(current))
            {
                _assumed.Remove(uid);
                Place(uid, current.Spec.NodeName, current);
            }
            else if (current is null || !_assumed.Contains(uid))
            {
                _assumed.Remove(uid);
                Remove(uid);
            }
        }
    }

    /// <summary>Counts a pod on the node it is being bound to, before the binding is stored.</summary>
    public void Assume(Pod pod, string node)
    {
        lock (_gate)
        {
            _assumed.Add(pod.Metadata.Uid!);
            Place(pod.Metadata.Uid!, node, pod with { Spec = pod.Spec with { NodeName = node } });
        }
    }

    /// <summary>Takes back an assumption whose binding failed.</summary>
    public void Forget(string uid)
    {
        lock (_gate)
        {
            if (_assumed.Remove(uid)) Remove(uid);
        }
    }

    /// <summary>Every known node with its pods. The list is shared until the next change: callers must not change it.</summary>
    public IReadOnlyList<NodeInfo> Snapshot()
    {
        lock (_gate)
        {
            if (_snapshot is not null) return _snapshot;
            var infos = new List<NodeInfo>(_nodes.Count);
            foreach (var entry in _nodes.Values)
            {
                if (entry.Node is null) continue;
                entry.Info ??= NodeInfo.Create(entry.Node, entry.Pods.Values);
                infos.Add(entry.Info);
            }
            return _snapshot = [.. infos];
        }
    }

    private void Place(string uid, string node, Pod pod)
    {
        if (_placed.TryGetValue(uid, out var was) && was != node) Remove(uid);
        var entry = Entry(node);
        entry.Pods[uid] = pod;
        _placed[uid] = node;
        Touch(entry);
    }

    private void Remove(string uid)
    {
        if (!_placed.Remove(uid, out var node) || !_nodes.TryGetValue(node, out var entry)) return;
        entry.Pods.Remove(uid);
        Touch(entry);
    }

    private NodeEntry Entry(string name)
    {
        if (!_nodes.TryGetValue(name, out var entry)) _nodes[name] = entry = new NodeEntry(name);
        return entry;
    }

    private void Touch(NodeEntry entry)
    {
        entry.Info = null;
        _snapshot = null;
        if (entry.Node is null && entry.Pods.Count == 0) _nodes.Remove(entry.Name);
    }

    private static bool IsFinished(Pod pod) => pod.Status?.Phase is PodPhases.Succeeded or PodPhases.Failed;
}
