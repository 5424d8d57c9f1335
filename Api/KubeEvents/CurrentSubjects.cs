using EventOrch.Api.Storage;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.KubeEvents;
using EventOrch.Contracts.Model;
using Marten;
using Marten.Services.BatchQuerying;

namespace EventOrch.Api.KubeEvents;

/// <summary>Fills an <see cref="EventSubjectTable"/> for the events of one write from the current-state projection. Run
/// inline, before Marten applies the write, the projection still holds each object as it was before these events:
/// exactly the state the mapping compares with. Only what the rules need is read, in at most two round trips: the
/// objects whose events the rules compare with their state before (<see cref="EventSubjectKinds.ComparesWithBefore"/>), then the
/// StorageClass a new claim names and, for a component's creates, deletes and scales, the owners it reports on and the
/// node a pod is deleted from.</summary>
public static class CurrentSubjects
{
    public static async Task<EventSubjectTable> LoadAsync(IQuerySession session, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var table = new EventSubjectTable();
        var streams = new Wanted();
        foreach (var e in events)
        {
            if (EventSubjectKinds.ComparesWithBefore(e.Data)) streams.Add(EventSubjectKinds.KindOf(e.Data)!, e.Data.Uid);
        }
        await streams.LoadAsync(session, table, cancellationToken);

        var lookups = new Wanted();
        foreach (var e in events) AddLookups(e, table, lookups);
        await lookups.LoadAsync(session, table, cancellationToken);
        return table;
    }

    private static void AddLookups(RecordedEvent e, EventSubjectTable table, Wanted wanted)
    {
        if (e.Data is PersistentVolumeClaimCreated { PersistentVolumeClaim.Spec.StorageClassName: { Length: > 0 } className })
        {
            wanted.StorageClasses.Add(className);
            return;
        }
        if (!e.ByComponent) return;
        switch (e.Data)
        {
            case PodCreated created:
                wanted.AddOwner(created.Pod);
                break;
            case PodTerminationRequested or PodDeleted or PodMetadataChanged { Changes.DeletionTimestamp: not null }
                when table.Find(e.Data.Uid) is Pod pod:
                wanted.AddOwner(pod);
                if (e.Data is not PodTerminationRequested && !string.IsNullOrEmpty(pod.Spec.NodeName)) wanted.Nodes.Add(pod.Spec.NodeName);
                break;
            case ReplicaSetCreated created:
                wanted.AddOwner(created.ReplicaSet);
                break;
            case ReplicaSetSpecChanged when table.Find(e.Data.Uid) is ReplicaSet rs:
                wanted.AddOwner(rs);
                break;
        }
    }

    /// <summary>Uids by kind, and node names, still to be read.</summary>
    private sealed class Wanted
    {
        public Dictionary<ResourceKind, HashSet<Guid>> Uids { get; } = [];
        public HashSet<string> Nodes { get; } = new(StringComparer.Ordinal);
        public HashSet<string> StorageClasses { get; } = new(StringComparer.Ordinal);

        public void Add(ResourceKind kind, string uid)
        {
            if (!Guid.TryParse(uid, out var id)) return;
            if (!Uids.TryGetValue(kind, out var ids)) Uids[kind] = ids = [];
            ids.Add(id);
        }

        public void AddOwner(IKubeObject obj)
        {
            var owner = EventReferences.ControllerOf(obj);
            var kind = owner?.Kind switch
            {
                "ReplicaSet" => ResourceKind.ReplicaSet,
                "ReplicationController" => ResourceKind.ReplicationController,
                "Deployment" => ResourceKind.Deployment,
                _ => null,
            };
            if (kind is not null) Add(kind, owner!.Uid);
        }

        public async Task LoadAsync(IQuerySession session, EventSubjectTable table, CancellationToken cancellationToken)
        {
            if (Uids.Count == 0 && Nodes.Count == 0 && StorageClasses.Count == 0) return;
            var batch = session.CreateBatchQuery();
            var loads = new List<Task<IReadOnlyList<IKubeObject>>>();
            foreach (var (kind, ids) in Uids)
            {
                // Every stored kind's table the same way, so a kind the mapping learns about needs no loader of its own.
                var loader = new Loader(batch, ids);
                StoredKinds.Named(kind.Kind)!.Accept(loader);
                loads.Add(loader.Loaded!);
            }
            if (Nodes.Count > 0) loads.Add(Named<Node>(batch, Nodes));
            if (StorageClasses.Count > 0) loads.Add(Named<StorageClass>(batch, StorageClasses));
            await batch.Execute(cancellationToken);
            foreach (var load in loads)
            {
                foreach (var obj in await load)
                {
                    if (!table.Contains(obj.Metadata.Uid!)) table.Add(obj);
                }
            }
        }

        private sealed class Loader(IBatchedQuery batch, HashSet<Guid> ids) : IStoredKindVisitor
        {
            public Task<IReadOnlyList<IKubeObject>>? Loaded { get; private set; }

            public void Visit<T>(IObjectEvolver<T> evolver) where T : class, IKubeObject =>
                Loaded = Objects(batch.LoadMany<ObjectRecord<T>>().ByIdList(ids));
        }

        // Cluster-scoped objects by name.
        private static Task<IReadOnlyList<IKubeObject>> Named<T>(IBatchedQuery batch, IEnumerable<string> names) where T : class, IKubeObject
        {
            var keys = names.Select(name => ObjectRecord<T>.KeyOf("", name)).ToArray();
            return Objects(batch.Query<ObjectRecord<T>>().Where(x => keys.Contains(x.Key)).ToList());
        }

        private static async Task<IReadOnlyList<IKubeObject>> Objects<T>(Task<IReadOnlyList<ObjectRecord<T>>> records) where T : class, IKubeObject =>
            (await records).Select(r => (IKubeObject)r.Object).ToList();
    }
}
