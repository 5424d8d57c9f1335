using EventOrch.ClientRuntime.ApiClient;
using EventOrch.NodeAgent.Runtime;
using Microsoft.Extensions.Options;

namespace EventOrch.NodeAgent.Nodes;

/// <summary>The nodes this process hosts: one real node, or many hollow ones sharing one simulated runtime.</summary>
public sealed class NodeFleet(
    IOptions<NodeOptions> options,
    IContainerRuntime runtime,
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
        foreach (var name in options.Value.NodeNames())
            _nodes.Add(new AgentNode(name, options.Value, port, runtime, api, time, logger));
        return Task.WhenAll(_nodes.Select(n => n.RunAsync(stoppingToken)));
    }
}
