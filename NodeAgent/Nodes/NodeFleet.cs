using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Model;
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
    Prober prober,
    KubeApiClient api,
    IConfiguration configuration,
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
        foreach (var name in o.NodeNames())
        {
            var node = new AgentNode(name, o, port, runtime, api, time, logger);
            _nodes.Add(node);
            loops.Add(node.RunAsync(stoppingToken));
            var worker = new PodWorker(name, o.Address, runtime, api, prober, ports, podOptions.Value, time, loggers.CreateLogger<PodWorker>());
            podLoops[name] = new PodSyncLoop(name, pods, runtime, worker, podOptions.Value, loggers.CreateLogger<PodSyncLoop>());
        }
        // One lookup per change, not one check per hosted node: a thousand hollow nodes share this informer.
        pods.Cache.AddNodeIndex();
        pods.Cache.Changed += (old, current) =>
        {
            if (old?.Spec.NodeName is { } was && podLoops.TryGetValue(was, out var before)) before.Signal();
            if (current?.Spec.NodeName is { } now && now != old?.Spec.NodeName && podLoops.TryGetValue(now, out var after)) after.Signal();
        };
        loops.AddRange(podLoops.Values.Select(l => l.RunAsync(stoppingToken)));
        return Task.WhenAll(loops);
    }
}
