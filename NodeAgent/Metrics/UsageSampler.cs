using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using EventOrch.NodeAgent.Nodes;
using EventOrch.NodeAgent.Runtime;
using Microsoft.Extensions.Options;

namespace EventOrch.NodeAgent.Metrics;

/// <summary>Every interval: reads the usage of each running container of the pods on this agent's nodes through the
/// container runtime, and the machine's from /proc, and reports them to the Api in one request. A container's cpu
/// is the difference between this reading and the previous one of the agent's own, so a container shows up from its
/// second reading on. Hollow nodes (the simulated runtime) report zero usage: they run nothing.</summary>
public sealed partial class UsageSampler(
    IOptions<MetricsOptions> options,
    IOptions<NodeOptions> nodeOptions,
    NodeFleet fleet,
    IContainerRuntime runtime,
    KubeApiClient api,
    TimeProvider time,
    ILogger<UsageSampler> logger) : BackgroundService
{
    public const string ReportPath = "/apis/metrics.eventorch.io/v1/nodereports";

    private Dictionary<string, ContainerUsage> _previous = new(StringComparer.Ordinal);
    private (ProcStat Stat, DateTimeOffset At)? _previousHost;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var report = await SampleAsync(stoppingToken);
                if (report.Nodes.Count > 0)
                    await api.SendJsonAsync(HttpMethod.Post, ReportPath, JsonSerializer.SerializeToNode(report, KubeJson.Options), cancellationToken: stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogReportFailed(e);
            }
        }
    }

    /// <summary>One reading of every node of this agent and of its pods' containers.</summary>
    public async Task<NodeUsageReport> SampleAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var simulated = nodeOptions.Value.Simulated;
        var (nodeCpu, nodeMemory, nodeWindow, nodeAt) = simulated ? (0L, 0L, options.Value.Interval.TotalSeconds, time.GetUtcNow()) : SampleHost();
        var readings = new ConcurrentDictionary<string, ContainerUsage>(StringComparer.Ordinal);
        var nodes = new List<NodeUsageSample>();
        var containers = 0;
        foreach (var node in fleet.Nodes.Select(n => n.Name).ToList())
        {
            var running = (await runtime.ListAsync(node, cancellationToken))
                .Where(c => c.Labels.GetValueOrDefault(RuntimeLabels.Role) == RuntimeLabels.ContainerRole && c.State.State == ContainerRunState.Running)
                .ToList();
            containers += running.Count;
            await Parallel.ForEachAsync(running, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
                async (container, ct) =>
                {
                    if (await runtime.UsageAsync(container.Id, ct) is { } usage) readings[container.Id] = usage;
                });
            nodes.Add(new NodeUsageSample
            {
                Name = node,
                Timestamp = nodeAt,
                WindowSeconds = nodeWindow,
                CpuNanoCores = nodeCpu,
                MemoryBytes = nodeMemory,
                Pods = PodsOf(running, readings),
            });
        }
        // Only this round's readings are kept: a container gone or restarted starts over.
        _previous = new Dictionary<string, ContainerUsage>(readings, StringComparer.Ordinal);
        LogSampled(containers, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        // No node reading yet (the first round on a real machine): nothing to report for the node.
        return new NodeUsageReport { Nodes = nodeWindow > 0 ? nodes : [] };
    }

    // A pod is reported once every running container of it has a cpu rate (a second reading).
    private List<PodUsageSample> PodsOf(List<RuntimeContainer> running, IReadOnlyDictionary<string, ContainerUsage> readings)
    {
        var pods = new List<PodUsageSample>();
        foreach (var pod in running.GroupBy(c => (Namespace: c.Labels.GetValueOrDefault(RuntimeLabels.Namespace) ?? "", Name: c.Labels.GetValueOrDefault(RuntimeLabels.PodName) ?? "")))
        {
            if (pod.Key.Namespace.Length == 0 || pod.Key.Name.Length == 0) continue;
            var samples = new List<ContainerUsageSample>();
            DateTimeOffset newest = default;
            double window = 0;
            foreach (var container in pod)
            {
                if (!readings.TryGetValue(container.Id, out var now) || !_previous.TryGetValue(container.Id, out var before)) break;
                if (CpuRate.NanoCores(before.CpuNanoseconds, before.At, now.CpuNanoseconds, now.At) is not { } cpu) break;
                samples.Add(new ContainerUsageSample
                {
                    Name = container.Labels.GetValueOrDefault(RuntimeLabels.Container) ?? container.Name,
                    CpuNanoCores = cpu,
                    MemoryBytes = (long)Math.Min(now.WorkingSetBytes, long.MaxValue),
                });
                if (now.At > newest) newest = now.At;
                window = Math.Max(window, (now.At - before.At).TotalSeconds);
            }
            if (samples.Count != pod.Count()) continue;
            pods.Add(new PodUsageSample { Namespace = pod.Key.Namespace, Name = pod.Key.Name, Timestamp = newest, WindowSeconds = window, Containers = samples });
        }
        return pods;
    }

    private (long Cpu, long Memory, double Window, DateTimeOffset At) SampleHost()
    {
        var now = time.GetUtcNow();
        var stat = HostUsage.ReadCpu();
        var memory = HostUsage.ReadMemoryInUse() ?? 0;
        var previous = _previousHost;
        _previousHost = stat is { } s ? (s, now) : null;
        if (stat is null || previous is not { } before) return (0, memory, 0, now);
        var cpu = CpuRate.NodeNanoCores(before.Stat, stat.Value, Environment.ProcessorCount);
        return cpu is { } used ? (used, memory, (now - before.At).TotalSeconds, now) : (0, memory, 0, now);
    }

    [LoggerMessage(EventId = 450, Level = LogLevel.Debug, Message = "Sampled {Containers} containers in {Milliseconds} ms")]
    private partial void LogSampled(int containers, double milliseconds);

    [LoggerMessage(EventId = 451, Level = LogLevel.Warning, Message = "Sampling or reporting usage failed; the next interval tries again")]
    private partial void LogReportFailed(Exception exception);
}
