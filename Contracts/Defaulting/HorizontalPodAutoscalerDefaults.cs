using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Defaulting;

/// <summary>Kubernetes' autoscaling/v2 defaults (pkg/apis/autoscaling/v2/defaults.go): one replica at least, cpu at 80%
/// utilisation when no metric is given, and, only when a behavior is given, both directions' rules completed from the
/// controller's historical ones (scale up: 0s window, the larger of 4 pods or 100% per 15s; scale down: 100% per 15s,
/// its window left to the controller's default of 300s).</summary>
public static class HorizontalPodAutoscalerDefaults
{
    public const int DefaultCpuUtilization = 80;

    public static HorizontalPodAutoscaler Apply(HorizontalPodAutoscaler hpa) => hpa with { Spec = ApplySpec(hpa.Spec) };

    public static HorizontalPodAutoscalerSpec ApplySpec(HorizontalPodAutoscalerSpec spec) => spec with
    {
        MinReplicas = spec.MinReplicas ?? 1,
        Metrics = spec.Metrics is { Count: > 0 } metrics ? metrics : [CpuUtilization(DefaultCpuUtilization)],
        Behavior = spec.Behavior is { } behavior
            ? behavior with { ScaleUp = Complete(behavior.ScaleUp, ScaleUpRules()), ScaleDown = Complete(behavior.ScaleDown, ScaleDownRules()) }
            : null,
    };

    /// <summary>A Resource metric of cpu at <paramref name="percent"/>% of the pods' requests.</summary>
    public static MetricSpec CpuUtilization(int percent) => new()
    {
        Type = MetricSourceTypes.Resource,
        Resource = new ResourceMetricSource
        {
            Name = "cpu",
            Target = new MetricTarget { Type = MetricTargetTypes.Utilization, AverageUtilization = percent },
        },
    };

    public static HpaScalingRules ScaleUpRules() => new()
    {
        StabilizationWindowSeconds = 0,
        SelectPolicy = ScalingPolicySelects.Max,
        Policies =
        [
            new HpaScalingPolicy { Type = ScalingPolicyTypes.Pods, Value = 4, PeriodSeconds = 15 },
            new HpaScalingPolicy { Type = ScalingPolicyTypes.Percent, Value = 100, PeriodSeconds = 15 },
        ],
    };

    public static HpaScalingRules ScaleDownRules() => new()
    {
        StabilizationWindowSeconds = null,
        SelectPolicy = ScalingPolicySelects.Max,
        Policies = [new HpaScalingPolicy { Type = ScalingPolicyTypes.Percent, Value = 100, PeriodSeconds = 15 }],
    };

    // Each field given keeps its value; an explicitly empty policy list stays empty (and is refused by validation).
    private static HpaScalingRules Complete(HpaScalingRules? given, HpaScalingRules defaults) => given is null
        ? defaults
        : defaults with
        {
            StabilizationWindowSeconds = given.StabilizationWindowSeconds ?? defaults.StabilizationWindowSeconds,
            SelectPolicy = given.SelectPolicy ?? defaults.SelectPolicy,
            Policies = given.Policies ?? defaults.Policies,
        };
}
