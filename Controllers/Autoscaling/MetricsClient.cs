using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Controllers.Autoscaling;

/// <summary>Reads pods' metrics through the Api, as Kubernetes' autoscaler does: resource usage from metrics.k8s.io,
/// per-pod metrics (the service proxy's request rates) from custom.metrics.k8s.io. The Api serves fresh samples only
/// (<c>Metrics:MaxAge</c>), so a pod whose sampling stopped is absent and counts as unmeasured.</summary>
public sealed class MetricsClient(KubeApiClient api)
{
    /// <summary>Each pod's usage of <paramref name="resource"/> (cores for cpu, bytes for memory), summed over its
    /// containers or taken from the one named.</summary>
    public async Task<Dictionary<string, PodSample>> ResourceAsync(string @namespace, string selector, string resource,
        string? container, CancellationToken cancellationToken)
    {
        var list = await api.ReadAsync<PodMetricsList>(
            $"/apis/metrics.k8s.io/v1beta1/namespaces/{@namespace}/pods?labelSelector={Uri.EscapeDataString(selector)}", cancellationToken);
        var samples = new Dictionary<string, PodSample>(StringComparer.Ordinal);
        foreach (var pod in list.Items)
        {
            decimal sum = 0;
            var found = false;
            foreach (var c in pod.Containers.Where(c => container is null || c.Name == container))
            {
                if (!c.Usage.TryGetValue(resource, out var text) || !Quantity.TryParse(text, out var q)) continue;
                sum += q.Value;
                found = true;
            }
            if (found) samples[pod.Metadata.Name!] = new PodSample(sum, pod.Timestamp, GoDuration(pod.Window));
        }
        return samples;
    }

    /// <summary>Each pod's value of a per-pod metric.</summary>
    public async Task<Dictionary<string, PodSample>> PodsMetricAsync(string @namespace, string selector, string metric,
        CancellationToken cancellationToken)
    {
        var list = await api.ReadAsync<MetricValueList>(
            $"/apis/custom.metrics.k8s.io/v1beta2/namespaces/{@namespace}/pods/*/{Uri.EscapeDataString(metric)}?labelSelector={Uri.EscapeDataString(selector)}",
            cancellationToken);
        var samples = new Dictionary<string, PodSample>(StringComparer.Ordinal);
        foreach (var value in list.Items)
        {
            if (value.DescribedObject.Name is not { } pod || !Quantity.TryParse(value.Value, out var q)) continue;
            samples[pod] = new PodSample(q.Value, value.Timestamp, TimeSpan.FromSeconds(value.WindowSeconds ?? 0));
        }
        return samples;
    }

    /// <summary>One object's value of a metric (a Service's, from the proxies); null when there is none.</summary>
    public async Task<PodSample?> ObjectMetricAsync(string @namespace, string plural, string name, string metric, CancellationToken cancellationToken)
    {
        var list = await api.ReadAsync<MetricValueList>(
            $"/apis/custom.metrics.k8s.io/v1beta2/namespaces/{@namespace}/{plural}/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(metric)}",
            cancellationToken);
        return list.Items.FirstOrDefault() is { } value && Quantity.TryParse(value.Value, out var q)
            ? new PodSample(q.Value, value.Timestamp, TimeSpan.FromSeconds(value.WindowSeconds ?? 0))
            : null;
    }

    // "15s", "1m0s", "500ms": what metrics.k8s.io writes as a window.
    private static TimeSpan GoDuration(string text)
    {
        var total = TimeSpan.Zero;
        var number = "";
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsDigit(ch) || ch == '.') { number += ch; continue; }
            var unit = ch == 'm' && i + 1 < text.Length && text[i + 1] == 's' ? "ms" : ch.ToString();
            if (unit == "ms") i++;
            if (!double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)) return total;
            total += unit switch { "h" => TimeSpan.FromHours(value), "m" => TimeSpan.FromMinutes(value), "s" => TimeSpan.FromSeconds(value), "ms" => TimeSpan.FromMilliseconds(value), _ => TimeSpan.Zero };
            number = "";
        }
        return total;
    }

    private sealed record PodMetricsList
    {
        public List<PodMetrics> Items { get; init; } = [];
    }
}
