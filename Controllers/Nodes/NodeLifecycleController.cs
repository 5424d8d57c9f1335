using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Informers;
using EventOrch.ClientRuntime.LeaderElection;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using Microsoft.Extensions.Options;

namespace EventOrch.Controllers.Nodes;

/// <summary>How the node lifecycle controller watches heartbeats (configuration section "NodeLifecycle").</summary>
public sealed class NodeLifecycleOptions
{
    public const string Section = "NodeLifecycle";

    /// <summary>How often every node's lease is looked at.</summary>
    public TimeSpan MonitorPeriod { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Kubernetes' node lifecycle controller, on leases: a node whose lease in kube-node-lease has not been
/// renewed within the lease's own duration becomes Ready=Unknown and gets the <c>node.kubernetes.io/unreachable</c>
/// NoExecute taint; its pods that do not tolerate the taint are deleted (those with <c>tolerationSeconds</c> once
/// that has passed), so their owners replace them elsewhere. When the node's agent is back and reports Ready, the
/// taint goes. Leases are read from the Api each period: renewals are not events.</summary>
public sealed partial class NodeLifecycleController(
    Informer<Node> nodes,
    Informer<Pod> pods,
    LeaderElector leader,
    KubeApiClient api,
    IOptions<NodeLifecycleOptions> options,
    TimeProvider time,
    ILogger<NodeLifecycleController> logger) : BackgroundService
{
    public const string UnreachableTaintKey = "node.kubernetes.io/unreachable";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        pods.Cache.AddNodeIndex();
        await Task.WhenAll(nodes.WaitForSyncAsync(stoppingToken), pods.WaitForSyncAsync(stoppingToken));
        using var timer = new PeriodicTimer(options.Value.MonitorPeriod, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!leader.IsLeader) continue;
            try
            {
                await MonitorAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && (ApiRetry.IsTransient(ex) || ex is ApiException))
            {
                LogMonitorFailed(ex);
            }
        }
    }

    private async Task MonitorAsync(CancellationToken cancellationToken)
    {
        var leases = (await api.ListAsync<Lease>(ResourceKind.Lease, SystemNamespaces.NodeLease, cancellationToken: cancellationToken)).Items
            .ToDictionary(l => l.Metadata.Name!, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        foreach (var node in nodes.Cache.List())
        {
            var name = node.Metadata.Name!;
            var alive = IsAlive(leases.GetValueOrDefault(name), node, now);
            var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == NodeConditions.Ready);
            var taint = node.Spec.Taints?.FirstOrDefault(t => t.Key == UnreachableTaintKey && t.Effect == TaintEffects.NoExecute);
            if (!alive)
            {
                if (ready?.Status != ConditionStatuses.Unknown && !await MarkUnknownAsync(node, ready, now, cancellationToken)) continue;
                taint ??= await TaintAsync(name, now, cancellationToken);
                if (taint is not null) await EvictAsync(name, taint, now, cancellationToken);
            }
            else if (taint is not null && ready?.Status == ConditionStatuses.True)
            {
                await UntaintAsync(name, cancellationToken);
            }
        }
    }

    // A node that never renewed is given one lease duration from its registration.
    private static bool IsAlive(Lease? lease, Node node, DateTimeOffset now)
    {
        var duration = TimeSpan.FromSeconds(lease?.Spec.LeaseDurationSeconds ?? 40);
        var renewed = lease?.Spec.RenewTime ?? lease?.Spec.AcquireTime ?? node.Metadata.CreationTimestamp ?? now;
        return now - renewed <= duration;
    }

    // On the resourceVersion seen: an agent that came back and reported Ready meanwhile wins, and the next period
    // looks again (with its lease renewed, the node is alive). False when that happened.
    private async Task<bool> MarkUnknownAsync(Node node, NodeCondition? ready, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var unknown = new NodeCondition
        {
            Type = NodeConditions.Ready,
            Status = ConditionStatuses.Unknown,
            Reason = "NodeStatusUnknown",
            Message = "Node agent stopped renewing its lease.",
            LastHeartbeatTime = ready?.LastHeartbeatTime,
            LastTransitionTime = now,
        };
        var conditions = (node.Status?.Conditions ?? []).Where(c => c.Type != NodeConditions.Ready).Append(unknown).ToList();
        try
        {
            await api.ReplaceStatusAsync(ResourceKind.Node, node with { Status = (node.Status ?? new NodeStatus()) with { Conditions = conditions } }, cancellationToken);
        }
        catch (ApiException ex) when (ex.IsConflict)
        {
            return false;
        }
        LogUnreachable(node.Metadata.Name!);
        return true;
    }

    private async Task<Taint?> TaintAsync(string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var taint = new Taint { Key = UnreachableTaintKey, Effect = TaintEffects.NoExecute, TimeAdded = now };
        var updated = await ChangeTaintsAsync(name, taints => [.. taints.Where(t => t.Key != UnreachableTaintKey), taint], cancellationToken);
        return updated is null ? null : taint;
    }

    private Task<Node?> UntaintAsync(string name, CancellationToken cancellationToken)
    {
        LogReachable(name);
        return ChangeTaintsAsync(name, taints => [.. taints.Where(t => t.Key != UnreachableTaintKey)], cancellationToken);
    }

    // Read, change, write with the resourceVersion read: an agent writing the node meanwhile makes a conflict,
    // and the next period tries again.
    private async Task<Node?> ChangeTaintsAsync(string name, Func<List<Taint>, List<Taint>> change, CancellationToken cancellationToken)
    {
        var node = await api.GetAsync<Node>(ResourceKind.Node, null, name, cancellationToken);
        if (node is null) return null;
        var taints = change(node.Spec.Taints ?? []);
        return await api.ReplaceAsync(ResourceKind.Node, node with { Spec = node.Spec with { Taints = taints.Count == 0 ? null : taints } }, cancellationToken);
    }

    // Deleted at once (grace 0): the node cannot stop them gracefully. When it comes back, its agent removes the
    // containers of pods no longer bound to it.
    private async Task EvictAsync(string node, Taint taint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = taint.TimeAdded ?? now;
        // The evictions were caused by the node's latest change this process has seen: its taint, or its going Unknown.
        using var cause = KubeApiClient.CausedBy(nodes.Cache.CauseOf(null, node));
        foreach (var pod in pods.Cache.OnNode(node))
        {
            var toleration = pod.Spec.Tolerations?.FirstOrDefault(t => TolerationMatching.Tolerates(t, taint));
            if (toleration is not null && (toleration.TolerationSeconds is null || since + TimeSpan.FromSeconds(toleration.TolerationSeconds.Value) > now)) continue;
            try
            {
                await api.DeleteAsync<Pod>(ResourceKind.Pod, pod.Metadata.Namespace, pod.Metadata.Name!, gracePeriodSeconds: 0, uid: pod.Metadata.Uid,
                    cancellationToken: cancellationToken);
                LogEvicted(pod.Metadata.Namespace!, pod.Metadata.Name!, node);
            }
            catch (ApiException ex) when (ex.IsNotFound || ex.IsConflict)
            {
            }
        }
    }

    [LoggerMessage(EventId = 720, Level = LogLevel.Warning, Message = "Node {Node} stopped renewing its lease: Ready=Unknown, tainted unreachable")]
    private partial void LogUnreachable(string node);

    [LoggerMessage(EventId = 721, Level = LogLevel.Information, Message = "Node {Node} is back: unreachable taint removed")]
    private partial void LogReachable(string node);

    [LoggerMessage(EventId = 722, Level = LogLevel.Information, Message = "Evicted pod {Namespace}/{Pod} from unreachable node {Node}")]
    private partial void LogEvicted(string @namespace, string pod, string node);

    [LoggerMessage(EventId = 723, Level = LogLevel.Warning, Message = "Node monitoring failed this period")]
    private partial void LogMonitorFailed(Exception exception);
}
