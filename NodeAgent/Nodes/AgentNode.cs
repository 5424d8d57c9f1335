using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.Runtime;

namespace EventOrch.NodeAgent.Nodes;

/// <summary>One node of this agent: registers the Node, renews its lease in kube-node-lease every few seconds
/// (renewals are not events), and reports Ready=False while the container runtime does not answer. Only a
/// change of readiness writes the node's status.</summary>
public sealed partial class AgentNode(
    string name,
    NodeOptions options,
    int agentPort,
    IContainerRuntime runtime,
    KubeApiClient api,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan RuntimeTimeout = TimeSpan.FromSeconds(5);
    private Lease? _lease;
    private bool? _reportedReady;

    public string Name => name;

    /// <summary>Whether the last heartbeat found the runtime answering.</summary>
    public bool Ready => _reportedReady == true;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await ApiRetry.UntilDone(time, TimeSpan.FromSeconds(10), (ex, delay) => LogRetrying(ex, "register", name, delay))
            .ExecuteAsync(async ct => await RegisterAsync(ct), cancellationToken);
        using var timer = new PeriodicTimer(options.HeartbeatPeriod, time);
        do
        {
            try
            {
                await RenewLeaseAsync(cancellationToken);
                await ReportReadinessAsync(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ApiRetry.IsTransient(ex))
            {
                LogHeartbeatFailed(ex, name);
                // Meanwhile the node may have been marked unreachable: report readiness again once the Api answers.
                _reportedReady = null;
            }
        } while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var (ready, message, version) = await ProbeRuntimeAsync(cancellationToken);
        var desired = NodeStatusBuilder.Build(name, options, version, agentPort);
        var status = desired.Status! with { Conditions = [NodeStatusBuilder.Ready(ready, message, time.GetUtcNow())] };
        var existing = await api.GetAsync<Node>(ResourceKind.Node, null, name, cancellationToken);
        if (existing is null)
        {
            try
            {
                await api.CreateAsync(ResourceKind.Node, desired with { Status = status }, cancellationToken);
                _reportedReady = ready;
                LogRegistered(name, ready);
                return;
            }
            catch (ApiException ex) when (ex.IsConflict)
            {
                existing = await api.GetAsync<Node>(ResourceKind.Node, null, name, cancellationToken)
                    ?? throw new InvalidOperationException($"node {name} vanished during registration");
            }
        }
        var missingLabels = desired.Metadata.Labels!.Where(l => existing.Metadata.Labels?.GetValueOrDefault(l.Key) != l.Value).ToList();
        if (missingLabels.Count > 0)
        {
            var labels = new Dictionary<string, string>(existing.Metadata.Labels ?? []);
            foreach (var (key, value) in missingLabels) labels[key] = value;
            existing = await api.ReplaceAsync(ResourceKind.Node, existing with { Metadata = existing.Metadata with { Labels = labels } }, cancellationToken);
        }
        // The volumes in use stay as reported until the pod loop has looked at this node's containers again.
        var kept = KeepTransitionTime(existing.Status, status) with { VolumesInUse = existing.Status?.VolumesInUse };
        await api.ReplaceStatusAsync(ResourceKind.Node, existing with { Status = kept }, cancellationToken);
        _reportedReady = ready;
        LogRegistered(name, ready);
    }

    private async Task RenewLeaseAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _lease ??= await api.GetAsync<Lease>(ResourceKind.Lease, SystemNamespaces.NodeLease, name, cancellationToken);
        // A renewal later than the lease allows (the process was frozen, or restarted and registered before renewing):
        // the node lifecycle controller may have marked the node unreachable meanwhile, so readiness is reported again
        // after this renewal.
        if (_lease?.Spec.RenewTime is { } last && now - last > options.LeaseDuration) _reportedReady = null;
        if (_lease is null)
        {
            _lease = await api.CreateAsync(ResourceKind.Lease, new Lease
            {
                Metadata = new ObjectMeta { Name = name, Namespace = SystemNamespaces.NodeLease },
                Spec = new LeaseSpec
                {
                    HolderIdentity = name,
                    LeaseDurationSeconds = (int)options.LeaseDuration.TotalSeconds,
                    AcquireTime = now,
                    RenewTime = now,
                },
            }, cancellationToken);
            return;
        }
        try
        {
            // The duration too: a lease created under an earlier configuration must not keep its old grace period.
            _lease = await api.ReplaceAsync(ResourceKind.Lease, _lease with
            {
                Spec = _lease.Spec with { HolderIdentity = name, RenewTime = now, LeaseDurationSeconds = (int)options.LeaseDuration.TotalSeconds },
            }, cancellationToken);
        }
        catch (ApiException ex) when (ex.IsConflict || ex.IsNotFound)
        {
            _lease = null;
            throw;
        }
    }

    private async Task ReportReadinessAsync(CancellationToken cancellationToken)
    {
        var (ready, message, _) = await ProbeRuntimeAsync(cancellationToken);
        if (ready == _reportedReady) return;
        var node = await api.GetAsync<Node>(ResourceKind.Node, null, name, cancellationToken);
        if (node is null)
        {
            await RegisterAsync(cancellationToken);
            return;
        }
        var conditions = (node.Status?.Conditions ?? []).Where(c => c.Type != NodeConditions.Ready)
            .Append(NodeStatusBuilder.Ready(ready, message, time.GetUtcNow())).ToList();
        await api.ReplaceStatusAsync(ResourceKind.Node, node with { Status = (node.Status ?? new NodeStatus()) with { Conditions = conditions } }, cancellationToken);
        _reportedReady = ready;
        LogReadinessChanged(name, ready, message);
    }

    private async Task<(bool Ready, string? Message, RuntimeVersion Version)> ProbeRuntimeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RuntimeTimeout);
        try
        {
            return (true, null, await runtime.VersionAsync(timeout.Token));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"container runtime does not answer: {ex.Message}", new RuntimeVersion("unknown", "unknown"));
        }
    }

    // A condition whose status did not change keeps its transition time.
    private static NodeStatus KeepTransitionTime(NodeStatus? old, NodeStatus updated) => updated with
    {
        Conditions = updated.Conditions?.Select(c =>
            old?.Conditions?.FirstOrDefault(o => o.Type == c.Type && o.Status == c.Status) is { } same
                ? c with { LastTransitionTime = same.LastTransitionTime }
                : c).ToList(),
    };

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Node {Node} registered (ready: {Ready})")]
    private partial void LogRegistered(string node, bool ready);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Node {Node} is now ready: {Ready} ({Message})")]
    private partial void LogReadinessChanged(string node, bool ready, string? message);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Heartbeat of node {Node} failed; the next one retries")]
    private partial void LogHeartbeatFailed(Exception exception, string node);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Could not {What} node {Node}; retrying in {Backoff}")]
    private partial void LogRetrying(Exception exception, string what, string node, TimeSpan backoff);
}
