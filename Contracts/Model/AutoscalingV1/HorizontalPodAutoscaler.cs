namespace EventOrch.Contracts.Model.AutoscalingV1;

/// <summary>autoscaling/v1 HorizontalPodAutoscaler: the older view of the stored autoscaling/v2 object, which
/// <c>kubectl autoscale</c> writes. It has only a cpu target; what else the object has travels in annotations
/// (<see cref="HorizontalPodAutoscalerV1Annotations"/>).</summary>
public sealed record HorizontalPodAutoscaler : IKubeObject
{
    public string ApiVersion { get; init; } = "autoscaling/v1";
    public string Kind { get; init; } = "HorizontalPodAutoscaler";
    public ObjectMeta Metadata { get; init; } = new();
    public HorizontalPodAutoscalerSpec Spec { get; init; } = new();
    public HorizontalPodAutoscalerStatus? Status { get; init; }
}

public sealed record HorizontalPodAutoscalerSpec
{
    public Model.CrossVersionObjectReference ScaleTargetRef { get; init; } = new();
    public int? MinReplicas { get; init; }
    public int MaxReplicas { get; init; }
    /// <summary>The pods' average cpu use, in percent of their requests, the autoscaler keeps them at.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("targetCPUUtilizationPercentage")]
    public int? TargetCPUUtilizationPercentage { get; init; }
}

public sealed record HorizontalPodAutoscalerStatus
{
    public long? ObservedGeneration { get; init; }
    public DateTimeOffset? LastScaleTime { get; init; }
    public int CurrentReplicas { get; init; }
    public int DesiredReplicas { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("currentCPUUtilizationPercentage")]
    public int? CurrentCPUUtilizationPercentage { get; init; }
}

/// <summary>The annotations an autoscaling/v1 view carries what v1 has no field for, as Kubernetes names them. Their
/// values are JSON in the autoscaling/v2 shapes (Kubernetes writes the older v2beta1 shapes there).</summary>
public static class HorizontalPodAutoscalerV1Annotations
{
    /// <summary>Present when there are metrics besides the cpu utilisation target: a JSON list of every v2 MetricSpec,
    /// the cpu target at its place (spec.targetCPUUtilizationPercentage overrides its value, or removes it when unset).</summary>
    public const string Metrics = "autoscaling.alpha.kubernetes.io/metrics";
    /// <summary>spec.behavior, as v2 JSON.</summary>
    public const string Behavior = "autoscaling.alpha.kubernetes.io/behavior";
    /// <summary>status.currentMetrics: a JSON list of v2 MetricStatus.</summary>
    public const string CurrentMetrics = "autoscaling.alpha.kubernetes.io/current-metrics";
    /// <summary>status.conditions: a JSON list of conditions.</summary>
    public const string Conditions = "autoscaling.alpha.kubernetes.io/conditions";

    public static readonly IReadOnlyList<string> All = [Metrics, Behavior, CurrentMetrics, Conditions];
}
