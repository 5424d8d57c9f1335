using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Metrics;

/// <summary>Turns the newest fresh samples into the metrics APIs' objects, for the pods and nodes that exist and match
/// the request's selectors (the objects come from the store's current state, so a deleted pod's last sample is not
/// served, and the metrics carry the pod's labels as metrics-server's do).</summary>
public sealed class MetricsReader(MetricsStore samples, ObjectQueries<Pod> pods, ObjectQueries<Node> nodes, ObjectQueries<Service> services)
{
    public async Task<ApiResult<List<PodMetrics>>> PodsAsync(string? @namespace, ListOptions options, CancellationToken cancellationToken)
    {
        var listed = await pods.ListAsync(@namespace, options with { Limit = null, Continue = null, AsOf = null }, cancellationToken);
        if (!listed.IsSuccess) return listed.Error!;
        var usage = (await samples.PodsAsync(@namespace, NameOf(options), cancellationToken)).ToDictionary(r => (r.Namespace, r.Pod));
        return listed.Value!.Items
            .Where(p => usage.ContainsKey((p.Metadata.Namespace!, p.Metadata.Name!)))
            .Select(p => ToPodMetrics(p, usage[(p.Metadata.Namespace!, p.Metadata.Name!)]))
            .ToList();
    }

    public async Task<ApiResult<List<NodeMetrics>>> NodesAsync(ListOptions options, CancellationToken cancellationToken)
    {
        var listed = await nodes.ListAsync(null, options with { Limit = null, Continue = null, AsOf = null }, cancellationToken);
        if (!listed.IsSuccess) return listed.Error!;
        var usage = (await samples.NodesAsync(NameOf(options), cancellationToken)).ToDictionary(n => n.Name, StringComparer.Ordinal);
        return listed.Value!.Items
            .Where(n => usage.ContainsKey(n.Metadata.Name!))
            .Select(n => ToNodeMetrics(n, usage[n.Metadata.Name!]))
            .ToList();
    }

    /// <summary>The proxies' traffic of the pods of <paramref name="namespace"/> matching <paramref name="options"/>'
    /// selectors: pods no proxy reported (not behind any service's ready endpoints) are left out.</summary>
    public Task<ApiResult<List<(Pod Object, Traffic Traffic)>>> PodTrafficAsync(string @namespace, ListOptions options, CancellationToken cancellationToken) =>
        TrafficAsync(pods, Traffic.PerPod, @namespace, options, cancellationToken);

    /// <summary>The proxies' traffic through the Services of <paramref name="namespace"/> matching <paramref name="options"/>'
    /// selectors, each the sum over its pods.</summary>
    public Task<ApiResult<List<(Service Object, Traffic Traffic)>>> ServiceTrafficAsync(string @namespace, ListOptions options, CancellationToken cancellationToken) =>
        TrafficAsync(services, Traffic.PerService, @namespace, options, cancellationToken);

    private async Task<ApiResult<List<(T Object, Traffic Traffic)>>> TrafficAsync<T>(ObjectQueries<T> objects,
        Func<IEnumerable<PodTrafficRow>, IReadOnlyList<Traffic>> sum, string @namespace, ListOptions options, CancellationToken cancellationToken)
        where T : class, IKubeObject
    {
        var listed = await objects.ListAsync(@namespace, options with { Limit = null, Continue = null, AsOf = null }, cancellationToken);
        if (!listed.IsSuccess) return listed.Error!;
        var traffic = sum(await samples.TrafficAsync(@namespace, cancellationToken)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        return listed.Value!.Items.Where(o => traffic.ContainsKey(o.Metadata.Name!)).Select(o => (o, traffic[o.Metadata.Name!])).ToList();
    }

    // A get (or a list selecting one name) reads that name's sample only, not every fresh one of the namespace.
    private static string? NameOf(ListOptions options) => options.Fields.TryGetExactMatch("metadata.name", out var name) ? name : null;

    private static PodMetrics ToPodMetrics(Pod pod, PodUsageRow usage) => new()
    {
        Metadata = MetaOf(pod.Metadata, usage.Timestamp),
        Timestamp = usage.Timestamp.ToWholeSeconds(),
        Window = MetricsFormat.Window(usage.WindowSeconds),
        Containers = usage.Containers.Select(c => new ContainerMetrics
        {
            Name = c.Name,
            Usage = new Dictionary<string, string> { ["cpu"] = MetricsFormat.Cpu(c.CpuNanoCores), ["memory"] = MetricsFormat.Memory(c.MemoryBytes) },
        }).ToList(),
    };

    private static NodeMetrics ToNodeMetrics(Node node, NodeUsageSample usage) => new()
    {
        Metadata = MetaOf(node.Metadata, usage.Timestamp),
        Timestamp = usage.Timestamp.ToWholeSeconds(),
        Window = MetricsFormat.Window(usage.WindowSeconds),
        Usage = new Dictionary<string, string> { ["cpu"] = MetricsFormat.Cpu(usage.CpuNanoCores), ["memory"] = MetricsFormat.Memory(usage.MemoryBytes) },
    };

    // As metrics-server: the object's name, namespace and labels; created when measured.
    private static ObjectMeta MetaOf(ObjectMeta of, DateTimeOffset measured) => new()
    {
        Name = of.Name,
        Namespace = of.Namespace,
        Labels = of.Labels,
        CreationTimestamp = measured.ToWholeSeconds(),
    };
}
