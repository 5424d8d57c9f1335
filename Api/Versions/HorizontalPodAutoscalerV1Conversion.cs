using System.Text.Json;
using EventOrch.Api.Requests;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using EventOrch.Contracts.Validation;
using V1 = EventOrch.Contracts.Model.AutoscalingV1;
using Annotations = EventOrch.Contracts.Model.AutoscalingV1.HorizontalPodAutoscalerV1Annotations;

namespace EventOrch.Api.Versions;

/// <summary>autoscaling/v1 to and from the stored autoscaling/v2, as Kubernetes converts them
/// (pkg/apis/autoscaling/v1/conversion.go): v1's cpu target is v2's Resource cpu Utilization metric; the other metrics,
/// the behavior, the current metrics and the conditions ride in annotations of the v1 view. A v1 write never loses
/// what v1 cannot say: what its annotations do not carry is taken from the stored object. Unlike Kubernetes, the metrics
/// annotation lists every metric, the cpu target at its place, so the order (which the status follows) survives.</summary>
public static class HorizontalPodAutoscalerV1Conversion
{
    public static V1.HorizontalPodAutoscaler ToV1(HorizontalPodAutoscaler hpa)
    {
        var metrics = hpa.Spec.Metrics ?? [];
        var cpuIndex = metrics.FindIndex(IsCpuUtilization);
        var others = metrics.Where((_, i) => i != cpuIndex).ToList();
        var status = hpa.Status;
        var annotations = new Dictionary<string, string>(hpa.Metadata.Annotations ?? [], StringComparer.Ordinal);
        foreach (var key in Annotations.All) annotations.Remove(key);
        // Listed whole, cpu target included, so its place among the others survives the way back.
        if (others.Count > 0) annotations[Annotations.Metrics] = Json(metrics);
        if (hpa.Spec.Behavior is { } behavior) annotations[Annotations.Behavior] = Json(behavior);
        if (status?.CurrentMetrics is { Count: > 0 } current) annotations[Annotations.CurrentMetrics] = Json(current);
        if (status?.Conditions is { Count: > 0 } conditions) annotations[Annotations.Conditions] = Json(conditions);

        return new V1.HorizontalPodAutoscaler
        {
            Metadata = hpa.Metadata with { Annotations = annotations.Count > 0 || hpa.Metadata.Annotations is not null ? annotations : null },
            Spec = new V1.HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = hpa.Spec.ScaleTargetRef,
                MinReplicas = hpa.Spec.MinReplicas,
                MaxReplicas = hpa.Spec.MaxReplicas,
                TargetCPUUtilizationPercentage = cpuIndex >= 0 ? metrics[cpuIndex].Resource!.Target.AverageUtilization : null,
            },
            Status = status is null ? null : new V1.HorizontalPodAutoscalerStatus
            {
                ObservedGeneration = status.ObservedGeneration,
                LastScaleTime = status.LastScaleTime,
                CurrentReplicas = status.CurrentReplicas,
                DesiredReplicas = status.DesiredReplicas,
                CurrentCPUUtilizationPercentage = status.CurrentMetrics?.FirstOrDefault(IsCpuUtilization)?.Resource!.Current.AverageUtilization,
            },
        };
    }

    /// <summary>The v2 object a v1 write proposes. <paramref name="current"/> is the stored object (null on create): the
    /// metrics, behavior, current metrics and conditions the view's annotations do not carry are kept from it, and a
    /// cpu target keeps its place among the metrics. <paramref name="statusOnly"/> takes the status from the view (the
    /// status subresource), otherwise the stored one.</summary>
    public static ApiResult<HorizontalPodAutoscaler> ToV2(V1.HorizontalPodAutoscaler view, HorizontalPodAutoscaler? current, bool statusOnly)
    {
        var name = view.Metadata.Name ?? current?.Metadata.Name ?? "";
        var given = view.Metadata.Annotations ?? [];
        var errors = new List<FieldError>();
        var listed = Read<List<MetricSpec>>(given, Annotations.Metrics, errors) ?? current?.Spec.Metrics ?? [];
        var behavior = given.ContainsKey(Annotations.Behavior) ? Read<HorizontalPodAutoscalerBehavior>(given, Annotations.Behavior, errors) : current?.Spec.Behavior;
        var currentMetrics = Read<List<MetricStatus>>(given, Annotations.CurrentMetrics, errors);
        var conditions = Read<List<HorizontalPodAutoscalerCondition>>(given, Annotations.Conditions, errors);
        if (errors.Count > 0) return ApiErrors.Invalid(ResourceKind.HorizontalPodAutoscalerV1, name, errors);

        // v1's cpu target replaces the cpu utilisation metric where it stands (last when there is none), or removes it.
        var metrics = new List<MetricSpec>(listed);
        var cpu = metrics.FindIndex(IsCpuUtilization);
        if (view.Spec.TargetCPUUtilizationPercentage is { } percent)
        {
            var target = Contracts.Defaulting.HorizontalPodAutoscalerDefaults.CpuUtilization(percent);
            if (cpu >= 0) metrics[cpu] = target;
            else metrics.Add(target);
        }
        else if (cpu >= 0) metrics.RemoveAt(cpu);
        var annotations = new Dictionary<string, string>(given, StringComparer.Ordinal);
        foreach (var key in Annotations.All) annotations.Remove(key);

        return new HorizontalPodAutoscaler
        {
            // Emptied of the conversion's own annotations, an object that had none stays without them.
            Metadata = view.Metadata with { Annotations = annotations.Count > 0 || current?.Metadata.Annotations is { Count: 0 } ? annotations : null },
            Spec = new HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = view.Spec.ScaleTargetRef,
                MinReplicas = view.Spec.MinReplicas,
                MaxReplicas = view.Spec.MaxReplicas,
                Metrics = metrics.Count > 0 ? metrics : null,
                Behavior = behavior,
            },
            Status = statusOnly ? Status(view.Status, current?.Status, currentMetrics, conditions) : current?.Status,
        };
    }

    // v1's status has only the cpu utilisation of the current metrics: the others, and the cpu entry's raw value, come
    // from the annotation or the stored status.
    private static HorizontalPodAutoscalerStatus Status(V1.HorizontalPodAutoscalerStatus? view, HorizontalPodAutoscalerStatus? stored,
        List<MetricStatus>? currentMetrics, List<HorizontalPodAutoscalerCondition>? conditions)
    {
        view ??= new V1.HorizontalPodAutoscalerStatus();
        var metrics = new List<MetricStatus>(currentMetrics ?? stored?.CurrentMetrics ?? []);
        var cpu = metrics.FindIndex(IsCpuUtilization);
        if (view.CurrentCPUUtilizationPercentage is { } percent)
        {
            var entry = cpu >= 0
                ? metrics[cpu] with { Resource = metrics[cpu].Resource! with { Current = metrics[cpu].Resource!.Current with { AverageUtilization = percent } } }
                : new MetricStatus { Type = MetricSourceTypes.Resource, Resource = new ResourceMetricStatus { Name = "cpu", Current = new MetricValueStatus { AverageUtilization = percent } } };
            if (cpu >= 0) metrics[cpu] = entry;
            else metrics.Add(entry);
        }
        else if (cpu >= 0) metrics.RemoveAt(cpu);
        return new HorizontalPodAutoscalerStatus
        {
            ObservedGeneration = view.ObservedGeneration,
            LastScaleTime = view.LastScaleTime,
            CurrentReplicas = view.CurrentReplicas,
            DesiredReplicas = view.DesiredReplicas,
            CurrentMetrics = metrics.Count > 0 ? metrics : null,
            Conditions = conditions ?? stored?.Conditions,
        };
    }

    private static bool IsCpuUtilization(MetricSpec metric) =>
        metric.Type == MetricSourceTypes.Resource && metric.Resource is { Name: "cpu", Target.AverageUtilization: not null };

    private static bool IsCpuUtilization(MetricStatus metric) =>
        metric.Type == MetricSourceTypes.Resource && metric.Resource is { Name: "cpu", Current.AverageUtilization: not null };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, KubeJson.Options);

    private static T? Read<T>(Dictionary<string, string> annotations, string key, List<FieldError> errors) where T : class
    {
        if (!annotations.TryGetValue(key, out var text)) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(text, KubeJson.Options);
        }
        catch (JsonException ex)
        {
            errors.Add(FieldError.Invalid(FieldPath.Root("metadata").Child("annotations").Key(key), text, $"must be autoscaling/v2 JSON: {ex.Message}"));
            return null;
        }
    }
}
