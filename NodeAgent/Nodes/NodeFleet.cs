using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.ConfigSources;
using EventOrch.NodeAgent.Pods;
using EventOrch.NodeAgent.Runtime;
using Microsoft.Extensions.Options;

namespace EventOrch.NodeAgent.Nodes;

/// <summary>The nodes this process hosts: one real node, or many hollow ones sharing one simulated runtime.</summary>
public sealed class NodeFleet(
    IOptions<NodeOptions> options,
    IOptions<PodAgentOptions> podOptions,
    IContainerRuntime runtime,
    Informer<Pod> pods,
    Informer<ConfigMap> configMaps,
    SecretStore secrets,
    Prober prober,
    KubeApiClient api,
    IConfiguration configuration,
    IOptions<ServiceAccounts.ServiceAccountTokenOptions> tokenOptions,
    IOptions<ClientRuntime.ApiClient.ApiClientOptions> apiOptions,
    Volumes.IStorageLookup storage,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly List<AgentNode> _nodes = [];

    public IReadOnlyList<AgentNode> Nodes => _nodes;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The agent's own endpoint (reported as the node's daemon endpoint) is its first listen URL.
        var port = (configuration["Urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri.Port : 0).FirstOrDefault();
        var logger = loggers.CreateLogger<AgentNode>();
        var o = options.Value;
        var ports = new PortAllocator(podOptions.Value.AllocatedPortsFrom, podOptions.Value.AllocatedPortsTo, checkHost: !o.Simulated);
        var loops = new List<Task>();
        var podLoops = new Dictionary<string, PodSyncLoop>(StringComparer.Ordinal);
        var config = new PodConfigLookup(configMaps, secrets);
        // Hollow nodes run nothing that could read a token: they ask for none.
        var tokenMount = o.Simulated || !tokenOptions.Value.Mount ? null : new ServiceAccounts.ServiceAccountTokenMount(api, tokenOptions.Value,
            new Uri(tokenOptions.Value.KubernetesService ?? apiOptions.Value.Server), time);
        foreach (var name in o.NodeNames())
        {
            var node = new AgentNode(name, o, port, runtime, api, time, logger);
            _nodes.Add(node);
            loops.Add(node.RunAsync(stoppingToken));
            var inUse = new Volumes.VolumesInUse(name, api, loggers.CreateLogger<Volumes.VolumesInUse>());
            var worker = new PodWorker(name, o.Address, runtime, api, prober, ports, podOptions.Value, config, time, loggers.CreateLogger<PodWorker>(),
                tokenMount, storage, inUse);
            podLoops[name] = new PodSyncLoop(name, pods, runtime, worker, podOptions.Value, loggers.CreateLogger<PodSyncLoop>(), inUse);
        }
        // One lookup per change, not one check per hosted node: a thousand hollow nodes share this informer.
        pods.Cache.AddNodeIndex();
        pods.Cache.AddNamespaceIndex();
        pods.Cache.Changed += (old, current) =>
        {
            if (old?.Spec.NodeName is { } was && podLoops.TryGetValue(was, out var before)) before.Signal();
            if (current?.Spec.NodeName is { } now && now != old?.Spec.NodeName && podLoops.TryGetValue(now, out var after)) after.Signal();
        };
        // A ConfigMap or Secret that changed is looked at again by the pods here that use it (their volumes, and the
        // containers still waiting for it).
        configMaps.Cache.Changed += (old, current) =>
        {
            if ((current ?? old) is { } changed) SignalUsersOf(changed.Metadata.Namespace!, changed.Metadata.Name!, PodConfigReferences.UsesConfigMap);
        };
        secrets.Changed += (ns, name) => SignalUsersOf(ns, name, PodConfigReferences.UsesSecret);
        // Pods wait for the ConfigMaps too: a pod started before they are listed would wait for one that exists.
        loops.AddRange(podLoops.Values.Select(l => RunAfterAsync(configMaps, l, stoppingToken)));
        return Task.WhenAll(loops);

        void SignalUsersOf(string ns, string name, Func<Pod, string, bool> uses)
        {
            foreach (var pod in pods.Cache.InNamespace(ns))
            {
                if (pod.Spec.NodeName is { } node && podLoops.TryGetValue(node, out var loop) && uses(pod, name)) loop.Signal();
            }
        }
    }

    private static async Task RunAfterAsync(Informer<ConfigMap> configMaps, PodSyncLoop loop, CancellationToken cancellationToken)
    {
        await configMaps.WaitForSyncAsync(cancellationToken);
        await loop.RunAsync(cancellationToken);
    }
}
