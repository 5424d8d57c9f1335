using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.Runtime;

namespace EventOrch.NodeAgent.Volumes;

/// <summary>One node's <c>status.volumesInUse</c>, as the kubelet's volume manager keeps it: a pod's persistent volumes
/// are reported before its containers start, so the attach/detach controller sees them before anything can write to
/// them, and stay reported while the pod is here and not finished, or a live container of the node mounts them (a pod
/// force-deleted while its containers still run). The attach/detach controller does not detach a volume a Ready node
/// reports. Written only when the set changes.</summary>
public sealed partial class VolumesInUse(string node, KubeApiClient api, ILogger logger)
{
    // Pod uid to the persistent volumes set up for it; and to those its live containers mounted at the last listing.
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _held = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, IReadOnlyList<string>> _mounted = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writing = new(1, 1);
    // What the node's status says, once this process has written it.
    private SortedSet<string>? _reported;

    /// <summary>Reports the pod's volumes in use, and returns once the node's status says so.</summary>
    public Task HoldAsync(string uid, IReadOnlyList<string> volumes, CancellationToken cancellationToken)
    {
        _held[uid] = volumes;
        return ReportAsync(cancellationToken);
    }

    /// <summary>The pod's containers are gone, or finished: its volumes are no longer in use for it.</summary>
    public Task ReleaseAsync(string uid, CancellationToken cancellationToken)
    {
        var held = _held.TryRemove(uid, out _);
        var mounted = _mounted.TryRemove(uid, out _);
        return held || mounted ? ReportAsync(cancellationToken) : Task.CompletedTask;
    }

    /// <summary>What a listing of the node's containers shows mounted by those not exited: kept in use until the pod is
    /// released or a later listing no longer shows them.</summary>
    public Task ObserveAsync(IEnumerable<RuntimeContainer> containers, CancellationToken cancellationToken)
    {
        _mounted = new ConcurrentDictionary<string, IReadOnlyList<string>>(containers
            .Where(c => c.State.State != ContainerRunState.Exited && c.Labels.ContainsKey(RuntimeLabels.Volumes))
            .GroupBy(c => c.Labels.GetValueOrDefault(RuntimeLabels.PodUid) ?? "")
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g
                .SelectMany(c => c.Labels[RuntimeLabels.Volumes].Split(',', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList()),
            StringComparer.Ordinal);
        return ReportAsync(cancellationToken);
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            var wanted = new SortedSet<string>(_held.Values.Concat(_mounted.Values).SelectMany(v => v), StringComparer.Ordinal);
            if (_reported?.SetEquals(wanted) == true) return;
            // A merge patch of the one field the agent keeps (null removes it): nothing to read first, no version to race on.
            var names = wanted.Count == 0 ? null : new JsonArray([.. wanted.Select(v => JsonValue.Create(VolumeAttachments.InUseName(v)))]);
            try
            {
                await api.PatchStatusAsync<Node>(ResourceKind.Node, null, node, new JsonObject { ["status"] = new JsonObject { ["volumesInUse"] = names } },
                    cancellationToken);
            }
            catch (ApiException ex) when (ex.IsNotFound && wanted.Count == 0)
            {
                // Not registered yet: nothing to report until something is in use.
                return;
            }
            _reported = wanted;
            LogReported(node, string.Join(", ", wanted));
        }
        finally
        {
            _writing.Release();
        }
    }

    [LoggerMessage(EventId = 840, Level = LogLevel.Information, Message = "Node {Node} reports volumes in use: [{Volumes}]")]
    private partial void LogReported(string node, string volumes);
}
