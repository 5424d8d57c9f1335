using EventOrch.Api.Storage;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using Marten;

/// <summary>Writes a long, realistic cluster history straight into an event store through Marten (inline projections
/// and all, as the Api's writes run them, without HTTP): namespaces and nodes; Deployments whose ReplicaSets a controller
/// scales up and down; pods it creates, the scheduler binds, the node agent starts, users relabel, the controller
/// stops and the agent deletes; node conditions that flap; ConfigMaps and Secrets changed. Every actor's writes of one
/// tick go in one session (one transaction, thousands of events), with that actor as the events' user.</summary>
internal sealed class ClusterHistory(IDocumentStore store, int seed)
{
    private const string ReplicaSetController = "system:serviceaccount:kube-system:replicaset-controller";
    private const string DeploymentController = "system:serviceaccount:kube-system:deployment-controller";
    private const string Scheduler = "system:serviceaccount:kube-system:scheduler";
    private const string NodeAgent = "system:serviceaccount:kube-system:node-agent";
    private const string User = "ops-admin";

    private readonly Random _random = new(seed);
    private readonly List<Node> _nodes = [];
    private readonly List<Workload> _workloads = [];
    private readonly Dictionary<string, Workload> _byReplicaSet = [];
    private readonly Queue<Pod> _toBind = new(), _toStart = new(), _toRun = new(), _toDelete = new();
    private readonly List<ConfigMap> _configMaps = [];
    private DateTimeOffset _now = DateTimeOffset.Parse("2026-11-01T00:00:00Z");

    public long Events { get; private set; }

    private sealed class Workload(Deployment deployment, ReplicaSet replicaSet)
    {
        public Deployment Deployment { get; set; } = deployment;
        public ReplicaSet ReplicaSet { get; set; } = replicaSet;
        public List<Pod> Running { get; } = [];

        /// <summary>Created and not running yet: counted as there, as a ReplicaSet controller counts them.</summary>
        public HashSet<string> Starting { get; } = [];
        public int Wanted => ReplicaSet.Spec.Replicas ?? 0;
    }

    public async Task SeedAsync(int namespaces, int nodes, int deploymentsPerNamespace, CancellationToken cancellationToken)
    {
        var actions = new List<(Guid, IObjectEvent)>();
        for (var n = 0; n < nodes; n++)
        {
            var node = new Node
            {
                Metadata = Meta($"node-{n:D3}", null, new() { ["kubernetes.io/hostname"] = $"node-{n:D3}", ["topology.kubernetes.io/zone"] = $"zone-{n % 3}" }),
                Status = NodeReady(true),
            };
            _nodes.Add(node);
            actions.Add((Uid(node), new NodeRegistered(node)));
        }
        await SaveAsync(NodeAgent, actions, cancellationToken);

        for (var s = 0; s < namespaces; s++)
        {
            var ns = $"team-{s:D2}";
            var space = new Namespace { Metadata = Meta(ns, null), Status = new NamespaceStatus { Phase = "Active" } };
            actions.Add((Uid(space), new NamespaceCreated(space)));
            for (var d = 0; d < deploymentsPerNamespace; d++)
            {
                var app = $"app-{d:D2}";
                var template = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = new() { ["app"] = app } }, Spec = PodSpecOf(app) };
                var deployment = new Deployment
                {
                    Metadata = Meta(app, ns, new() { ["app"] = app }) with { Generation = 1 },
                    Spec = new DeploymentSpec { Replicas = 3, Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = app } }, Template = template },
                };
                actions.Add((Uid(deployment), new DeploymentCreated(deployment)));
                var hash = $"{_random.Next(0x10000000):x7}";
                var rs = new ReplicaSet
                {
                    Metadata = Meta($"{app}-{hash}", ns, new() { ["app"] = app, ["pod-template-hash"] = hash }) with { OwnerReferences = [Owner("apps/v1", "Deployment", deployment)] },
                    Spec = new ReplicaSetSpec { Replicas = 0, Selector = deployment.Spec.Selector, Template = template },
                };
                actions.Add((Uid(rs), new ReplicaSetCreated(rs)));
                _workloads.Add(_byReplicaSet[rs.Metadata.Uid!] = new Workload(deployment, rs));
            }
            var config = new ConfigMap { Metadata = Meta("settings", ns), Data = new() { ["log-level"] = "info", ["feature-x"] = "on" } };
            _configMaps.Add(config);
            actions.Add((Uid(config), new ConfigMapCreated(config)));
            var secret = new Secret { Metadata = Meta("db-credentials", ns), Type = "Opaque", Data = new() { ["password"] = Guid.NewGuid().ToByteArray() } };
            actions.Add((Uid(secret), new SecretCreated(secret)));
        }
        await SaveAsync(DeploymentController, actions, cancellationToken);
    }

    /// <summary>One tick of the cluster's life: each actor acts on what the tick before left it.</summary>
    public async Task TickAsync(int podsPerTick, CancellationToken cancellationToken)
    {
        _now = _now.AddSeconds(5);
        var actions = new List<(Guid, IObjectEvent)>();

        // The deployment controller scales ReplicaSets to new sizes; the ReplicaSet controller makes or stops pods.
        var scaled = 0;
        while (scaled < podsPerTick)
        {
            var w = _workloads[_random.Next(_workloads.Count)];
            var replicas = _random.Next(0, 12);
            if (replicas == w.Wanted) continue;
            scaled += Math.Abs(replicas - w.Wanted);
            w.ReplicaSet = w.ReplicaSet with { Spec = w.ReplicaSet.Spec with { Replicas = replicas } };
            actions.Add((Uid(w.ReplicaSet), new ReplicaSetSpecChanged(w.ReplicaSet.Metadata.Uid!, Ns(w.ReplicaSet), w.ReplicaSet.Metadata.Name!, w.ReplicaSet.Spec)));
        }
        await SaveAsync(DeploymentController, actions, cancellationToken);

        foreach (var w in _workloads)
        {
            for (var i = w.Running.Count + w.Starting.Count; i < w.Wanted; i++)
            {
                var name = $"{w.ReplicaSet.Metadata.Name}-{RandomSuffix()}";
                var pod = new Pod
                {
                    Metadata = Meta(name, Ns(w.ReplicaSet), new() { ["app"] = w.Deployment.Metadata.Name!, ["pod-template-hash"] = w.ReplicaSet.Metadata.Labels!["pod-template-hash"] })
                        with { OwnerReferences = [Owner("apps/v1", "ReplicaSet", w.ReplicaSet)] },
                    Spec = PodSpecOf(w.Deployment.Metadata.Name!),
                    Status = new PodStatus { Phase = PodPhases.Pending, QosClass = "Burstable" },
                };
                actions.Add((Uid(pod), new PodCreated(pod)));
                w.Starting.Add(pod.Metadata.Uid!);
                _toBind.Enqueue(pod);
            }
            while (w.Running.Count > w.Wanted)
            {
                var pod = w.Running[^1];
                w.Running.RemoveAt(w.Running.Count - 1);
                actions.Add((Uid(pod), new PodTerminationRequested(pod.Metadata.Uid!, Ns(pod), pod.Metadata.Name!, _now, 30)));
                _toDelete.Enqueue(pod);
            }
            if (actions.Count > 0 && _random.Next(4) == 0)
            {
                actions.Add((Uid(w.ReplicaSet), new ReplicaSetStatusChanged(w.ReplicaSet.Metadata.Uid!, Ns(w.ReplicaSet), w.ReplicaSet.Metadata.Name!,
                    new ReplicaSetStatus { Replicas = w.Running.Count, ReadyReplicas = w.Running.Count, AvailableReplicas = w.Running.Count, ObservedGeneration = 2 })));
            }
        }
        await SaveAsync(ReplicaSetController, actions, cancellationToken);

        // The scheduler binds what was created the tick before (what it created this tick waits for the next).
        var binding = _toBind.Count;
        for (var i = 0; i < binding; i++)
        {
            var pod = _toBind.Dequeue();
            var node = _nodes[_random.Next(_nodes.Count)].Metadata.Name!;
            pod = pod with { Spec = pod.Spec with { NodeName = node } };
            actions.Add((Uid(pod), new PodBound(pod.Metadata.Uid!, Ns(pod), pod.Metadata.Name!, node, _now)));
            _toStart.Enqueue(pod);
        }
        await SaveAsync(Scheduler, actions, cancellationToken);

        // Node agents: containers that were created start running; bound pods get their containers; stopped pods go.
        foreach (var pod in Drain(_toRun))
        {
            actions.Add((Uid(pod), new PodStatusChanged(pod.Metadata.Uid!, Ns(pod), pod.Metadata.Name!, Status(pod, running: true))));
            var w = _byReplicaSet[pod.Metadata.OwnerReferences![0].Uid];
            w.Starting.Remove(pod.Metadata.Uid!);
            w.Running.Add(pod);
        }
        foreach (var pod in Drain(_toStart))
        {
            actions.Add((Uid(pod), new PodStatusChanged(pod.Metadata.Uid!, Ns(pod), pod.Metadata.Name!, Status(pod, running: false))));
            _toRun.Enqueue(pod);
        }
        foreach (var pod in Drain(_toDelete))
        {
            actions.Add((Uid(pod), new PodStatusChanged(pod.Metadata.Uid!, Ns(pod), pod.Metadata.Name!, Status(pod, running: false, stopped: true))));
            actions.Add((Uid(pod), new PodDeleted(pod.Metadata.Uid!, Ns(pod), pod.Metadata.Name!)));
        }
        if (_random.Next(10) == 0)
        {
            var node = _nodes[_random.Next(_nodes.Count)];
            var ready = node.Status!.Conditions![0].Status != ConditionStatuses.True;
            node = node with { Status = NodeReady(ready) };
            _nodes[_nodes.FindIndex(n => n.Metadata.Uid == node.Metadata.Uid)] = node;
            actions.Add((Uid(node), new NodeStatusChanged(node.Metadata.Uid!, node.Metadata.Name!, node.Status!)));
        }
        await SaveAsync(NodeAgent, actions, cancellationToken);

        // People relabel running pods and change configuration.
        foreach (var w in _workloads.Where(_ => _random.Next(8) == 0))
        {
            if (w.Running.Count == 0) continue;
            var pod = w.Running[_random.Next(w.Running.Count)];
            actions.Add((Uid(pod), new PodMetadataChanged(pod.Metadata.Uid!, Ns(pod), pod.Metadata.Name!,
                new MetadataChanges { Labels = new(pod.Metadata.Labels!) { ["release"] = $"r{_random.Next(100)}" } })));
        }
        var config = _configMaps[_random.Next(_configMaps.Count)];
        actions.Add((Uid(config), new ConfigMapDataChanged(config.Metadata.Uid!, Ns(config), config.Metadata.Name!,
            new() { ["log-level"] = _random.Next(2) == 0 ? "info" : "debug", ["feature-x"] = "on" }, null)));
        await SaveAsync(User, actions, cancellationToken);
    }

    private async Task SaveAsync(string user, List<(Guid Stream, IObjectEvent Event)> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0) return;
        await using var session = store.LightweightSession();
        session.LastModifiedBy = user;
        session.CorrelationId = Guid.NewGuid().ToString();
        foreach (var group in actions.GroupBy(a => a.Stream))
        {
            var events = group.Select(a => (object)a.Event).ToArray();
            if (events[0] is PodCreated or NodeRegistered or NamespaceCreated or ICreatedEvent<IKubeObject>)
                session.Events.StartStream(group.Key, events);
            else
                session.Events.Append(group.Key, events);
        }
        await session.SaveChangesAsync(cancellationToken);
        Events += actions.Count;
        actions.Clear();
    }

    private PodStatus Status(Pod pod, bool running, bool stopped = false) => new()
    {
        Phase = stopped ? PodPhases.Succeeded : running ? PodPhases.Running : PodPhases.Pending,
        HostIP = "127.0.0.1",
        PodIP = running ? $"10.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(1, 255)}" : null,
        StartTime = _now,
        QosClass = "Burstable",
        Conditions =
        [
            new PodCondition { Type = PodConditions.PodScheduled, Status = ConditionStatuses.True, LastTransitionTime = _now },
            new PodCondition { Type = "Ready", Status = running ? ConditionStatuses.True : ConditionStatuses.False, LastTransitionTime = _now },
        ],
        ContainerStatuses =
        [
            new ContainerStatus
            {
                Name = "main", Image = pod.Spec.Containers[0].Image, Ready = running, RestartCount = 0,
                ContainerID = running || stopped ? $"docker://{pod.Metadata.Uid}" : null,
                State = stopped
                    ? new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 0, Reason = "Completed", FinishedAt = _now } }
                    : running
                        ? new ContainerState { Running = new ContainerStateRunning { StartedAt = _now } }
                        : new ContainerState { Waiting = new ContainerStateWaiting { Reason = "ContainerCreating" } },
            },
        ],
    };

    private static NodeStatus NodeReady(bool ready) => new()
    {
        Capacity = new() { ["cpu"] = "8", ["memory"] = "32Gi", ["pods"] = "110" },
        Allocatable = new() { ["cpu"] = "8", ["memory"] = "32Gi", ["pods"] = "110" },
        Conditions = [new NodeCondition { Type = NodeConditions.Ready, Status = ready ? ConditionStatuses.True : ConditionStatuses.False, Reason = ready ? "KubeletReady" : "KubeletNotReady" }],
        Addresses = [new NodeAddress { Type = "InternalIP", Address = "127.0.0.1" }],
    };

    private static PodSpec PodSpecOf(string app) => new()
    {
        Containers =
        [
            new Container
            {
                Name = "main", Image = $"registry.local/{app}:1.4.2", Command = ["/bin/server", "--port=8080"],
                Ports = [new ContainerPort { Name = "http", Number = 8080, Protocol = "TCP" }],
                Resources = new ResourceRequirements { Requests = new() { ["cpu"] = "100m", ["memory"] = "128Mi" }, Limits = new() { ["memory"] = "256Mi" } },
                Env = [new EnvVar { Name = "APP", Value = app }],
            },
        ],
        RestartPolicy = "Always",
        TerminationGracePeriodSeconds = 30,
        DnsPolicy = "ClusterFirst",
        SchedulerName = "default-scheduler",
    };

    private ObjectMeta Meta(string name, string? ns, Dictionary<string, string>? labels = null) => new()
    {
        Name = name, Namespace = ns, Uid = Guid.NewGuid().ToString(), CreationTimestamp = _now, Labels = labels,
    };

    private static OwnerReference Owner(string apiVersion, string kind, IKubeObject owner) => new()
    {
        ApiVersion = apiVersion, Kind = kind, Name = owner.Metadata.Name!, Uid = owner.Metadata.Uid!, Controller = true, BlockOwnerDeletion = true,
    };

    private static Guid Uid(IKubeObject obj) => Guid.Parse(obj.Metadata.Uid!);
    private static string Ns(IKubeObject obj) => obj.Metadata.Namespace ?? "";
    private string RandomSuffix() => new([.. Enumerable.Range(0, 5).Select(_ => "bcdfghjklmnpqrstvwxz2456789"[_random.Next(27)])]);

    private static IEnumerable<Pod> Drain(Queue<Pod> queue)
    {
        var count = queue.Count;
        for (var i = 0; i < count; i++) yield return queue.Dequeue();
    }
}
