using System.Globalization;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>HorizontalPodAutoscalers: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE, as kubectl prints them. The
/// autoscaling/v1 view is printed from the autoscaling/v2 object it shows.</summary>
public sealed class HorizontalPodAutoscalerPrinter : ITablePrinter
{
    public string Group => ResourceKind.HorizontalPodAutoscaler.Group;

    public string Kind => ResourceKind.HorizontalPodAutoscaler.Kind;

    private const int Shown = 2;

    public IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("Reference", "The object scaled (spec.scaleTargetRef), as Kind/name."),
        Tables.Columns.Text("Targets", "Each metric's current value against its target (current/target); <unknown> until measured."),
        Tables.Columns.Text("MinPods", "The fewest replicas the autoscaler scales to (spec.minReplicas)."),
        Tables.Columns.Integer("MaxPods", "The most replicas the autoscaler scales to (spec.maxReplicas)."),
        Tables.Columns.Integer("Replicas", "The replicas the target had when last observed (status.currentReplicas)."),
        Tables.Columns.Age,
    ];

    public IReadOnlyList<object?> Cells(IKubeObject obj, DateTimeOffset now) => Cells(obj switch
    {
        // A v1 view carries what v1 has no field for in annotations, so the v2 object it came from is whole again.
        Contracts.Model.AutoscalingV1.HorizontalPodAutoscaler v1 => Versions.HorizontalPodAutoscalerV1Conversion.ToV2(v1, null, statusOnly: true).Value
            ?? Versions.HorizontalPodAutoscalerV1Conversion.ToV2(v1 with { Metadata = v1.Metadata with { Annotations = null } }, null, statusOnly: true).Value!,
        _ => (HorizontalPodAutoscaler)obj,
    }, now);

    private static IReadOnlyList<object?> Cells(HorizontalPodAutoscaler hpa, DateTimeOffset now) =>
    [
        hpa.Metadata.Name,
        $"{hpa.Spec.ScaleTargetRef.Kind}/{hpa.Spec.ScaleTargetRef.Name}",
        Targets(hpa.Spec.Metrics ?? [], hpa.Status?.CurrentMetrics ?? []),
        hpa.Spec.MinReplicas is { } min ? min.ToString(CultureInfo.InvariantCulture) : "<unset>",
        hpa.Spec.MaxReplicas,
        hpa.Status?.CurrentReplicas ?? 0,
        Tables.Cells.Since(hpa.Metadata.CreationTimestamp, now),
    ];

    /// <summary>The TARGETS cell: the first two metrics (<c>cpu: 30%/50%</c>, <c>requests_per_second: 12/5</c>), then
    /// "+ N more..."; each metric's current value is the status entry at the same position, when it is of the same type.</summary>
    public static string Targets(IReadOnlyList<MetricSpec> specs, IReadOnlyList<MetricStatus> statuses)
    {
        if (specs.Count == 0) return Tables.Cells.None;
        var shown = specs.Take(Shown).Select((spec, i) => Target(spec, i < statuses.Count && statuses[i].Type == spec.Type ? statuses[i] : null));
        var text = string.Join(", ", shown);
        return specs.Count > Shown ? $"{text} + {specs.Count - Shown} more..." : text;
    }

    private static string Target(MetricSpec spec, MetricStatus? status) => spec.Type switch
    {
        MetricSourceTypes.Resource when spec.Resource is { } r => Named(r.Name, r.Target, status?.Resource?.Current),
        MetricSourceTypes.ContainerResource when spec.ContainerResource is { } c => Named(c.Name, c.Target, status?.ContainerResource?.Current),
        MetricSourceTypes.Pods when spec.Pods is { } p => Named(p.Metric.Name, p.Target, status?.Pods?.Current),
        MetricSourceTypes.Object when spec.Object is { } o => Named(o.Metric.Name, o.Target, status?.Object?.Current, perPod: true),
        MetricSourceTypes.External when spec.External is { } e => Named(e.Metric.Name, e.Target, status?.External?.Current, perPod: true),
        _ => "<unknown type>",
    };

    // An Object or External metric's average value is marked "(avg)": it is divided by the pods, unlike its plain value.
    private static string Named(string name, MetricTarget target, MetricValueStatus? current, bool perPod = false)
    {
        var (now, goal, suffix) = target.Type switch
        {
            MetricTargetTypes.Utilization => (Percent(current?.AverageUtilization), target.AverageUtilization is { } u ? Percent(u) : "<auto>", ""),
            MetricTargetTypes.AverageValue => (current?.AverageValue, target.AverageValue, perPod ? " (avg)" : ""),
            _ => (current?.Value, target.Value, ""),
        };
        return $"{name}: {now ?? Tables.Cells.Unknown}/{goal ?? Tables.Cells.Unknown}{suffix}";
    }

    private static string? Percent(int? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) + "%" : null;
}
