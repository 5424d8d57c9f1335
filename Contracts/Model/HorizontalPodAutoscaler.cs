using System.Text.Json.Serialization;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Contracts.Model;

/// <summary>autoscaling/v2 HorizontalPodAutoscaler: keeps a workload's replica count where its metrics meet their
/// targets, through the workload's <c>scale</c> subresource. Stored in this form; autoscaling/v1 is a view of it.</summary>
public sealed record HorizontalPodAutoscaler : IKubeObject
{
    public string ApiVersion { get; init; } = "autoscaling/v2";
    public string Kind { get; init; } = "HorizontalPodAutoscaler";
    public ObjectMeta Metadata { get; init; } = new();
    public HorizontalPodAutoscalerSpec Spec { get; init; } = new();
    public HorizontalPodAutoscalerStatus? Status { get; init; }
}

public sealed record HorizontalPodAutoscalerSpec
{
    public CrossVersionObjectReference ScaleTargetRef { get; init; } = new();
    /// <summary>1 when unset.</summary>
    public int? MinReplicas { get; init; }
    public int MaxReplicas { get; init; }
    /// <summary>Each metric proposes a replica count; the largest wins. Unset means cpu at 80% utilisation.</summary>
    public List<MetricSpec>? Metrics { get; init; }
    public HorizontalPodAutoscalerBehavior? Behavior { get; init; }
}

/// <summary>The object scaled: kind, name and apiVersion, in the HPA's namespace.</summary>
public sealed record CrossVersionObjectReference
{
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string? ApiVersion { get; init; }
}

public sealed record MetricSpec
{
    /// <summary>Resource, Pods, ContainerResource, Object or External (<see cref="MetricSourceTypes"/>).</summary>
    public string Type { get; init; } = "";
    public ResourceMetricSource? Resource { get; init; }
    public ContainerResourceMetricSource? ContainerResource { get; init; }
    public PodsMetricSource? Pods { get; init; }
    public ObjectMetricSource? Object { get; init; }
    public ExternalMetricSource? External { get; init; }
}

/// <summary>A resource (cpu, memory) of the pods' containers, summed per pod.</summary>
public sealed record ResourceMetricSource
{
    public string Name { get; init; } = "";
    public MetricTarget Target { get; init; } = new();
}

public sealed record ContainerResourceMetricSource
{
    public string Name { get; init; } = "";
    public string Container { get; init; } = "";
    public MetricTarget Target { get; init; } = new();
}

/// <summary>A metric each pod has (requests per second through the service proxy), averaged over the pods.</summary>
public sealed record PodsMetricSource
{
    public MetricIdentifier Metric { get; init; } = new();
    public MetricTarget Target { get; init; } = new();
}

public sealed record ObjectMetricSource
{
    public CrossVersionObjectReference DescribedObject { get; init; } = new();
    public MetricTarget Target { get; init; } = new();
    public MetricIdentifier Metric { get; init; } = new();
}

public sealed record ExternalMetricSource
{
    public MetricIdentifier Metric { get; init; } = new();
    public MetricTarget Target { get; init; } = new();
}

public sealed record MetricIdentifier
{
    public string Name { get; init; } = "";
    public LabelSelectorSpec? Selector { get; init; }
}

public sealed record MetricTarget
{
    /// <summary>Utilization, Value or AverageValue (<see cref="MetricTargetTypes"/>).</summary>
    public string Type { get; init; } = "";
    /// <summary>A quantity.</summary>
    [JsonConverter(typeof(QuantityTextConverter))]
    public string? Value { get; init; }
    /// <summary>A quantity, per pod.</summary>
    [JsonConverter(typeof(QuantityTextConverter))]
    public string? AverageValue { get; init; }
    /// <summary>Percent of the pods' requests of the resource.</summary>
    public int? AverageUtilization { get; init; }
}

public sealed record HorizontalPodAutoscalerBehavior
{
    public HpaScalingRules? ScaleUp { get; init; }
    public HpaScalingRules? ScaleDown { get; init; }
}

/// <summary>How fast one direction may go: the window whose highest (scale down) or lowest (scale up) recommendation is
/// used, and policies limiting the change per period.</summary>
public sealed record HpaScalingRules
{
    public int? StabilizationWindowSeconds { get; init; }
    /// <summary>Max (default), Min or Disabled (<see cref="ScalingPolicySelects"/>).</summary>
    public string? SelectPolicy { get; init; }
    public List<HpaScalingPolicy>? Policies { get; init; }
}

public sealed record HpaScalingPolicy
{
    /// <summary>Pods or Percent (<see cref="ScalingPolicyTypes"/>).</summary>
    public string Type { get; init; } = "";
    public int Value { get; init; }
    public int PeriodSeconds { get; init; }
}

public sealed record HorizontalPodAutoscalerStatus
{
    public long? ObservedGeneration { get; init; }
    public DateTimeOffset? LastScaleTime { get; init; }
    public int CurrentReplicas { get; init; }
    public int DesiredReplicas { get; init; }
    public List<MetricStatus>? CurrentMetrics { get; init; }
    [PatchStrategy(PatchStrategies.Merge, MergeKey = "type")]
    public List<HorizontalPodAutoscalerCondition>? Conditions { get; init; }
}

public sealed record MetricStatus
{
    public string Type { get; init; } = "";
    public ResourceMetricStatus? Resource { get; init; }
    public ContainerResourceMetricStatus? ContainerResource { get; init; }
    public PodsMetricStatus? Pods { get; init; }
    public ObjectMetricStatus? Object { get; init; }
    public ExternalMetricStatus? External { get; init; }
}

public sealed record ResourceMetricStatus
{
    public string Name { get; init; } = "";
    public MetricValueStatus Current { get; init; } = new();
}

public sealed record ContainerResourceMetricStatus
{
    public string Name { get; init; } = "";
    public string Container { get; init; } = "";
    public MetricValueStatus Current { get; init; } = new();
}

public sealed record PodsMetricStatus
{
    public MetricIdentifier Metric { get; init; } = new();
    public MetricValueStatus Current { get; init; } = new();
}

public sealed record ObjectMetricStatus
{
    public MetricIdentifier Metric { get; init; } = new();
    public MetricValueStatus Current { get; init; } = new();
    public CrossVersionObjectReference DescribedObject { get; init; } = new();
}

public sealed record ExternalMetricStatus
{
    public MetricIdentifier Metric { get; init; } = new();
    public MetricValueStatus Current { get; init; } = new();
}

public sealed record MetricValueStatus
{
    [JsonConverter(typeof(QuantityTextConverter))]
    public string? Value { get; init; }
    [JsonConverter(typeof(QuantityTextConverter))]
    public string? AverageValue { get; init; }
    public int? AverageUtilization { get; init; }
}

public sealed record HorizontalPodAutoscalerCondition
{
    public string Type { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset? LastTransitionTime { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
}

public static class MetricSourceTypes
{
    public const string Resource = "Resource";
    public const string ContainerResource = "ContainerResource";
    public const string Pods = "Pods";
    public const string Object = "Object";
    public const string External = "External";
}

public static class MetricTargetTypes
{
    public const string Utilization = "Utilization";
    public const string Value = "Value";
    public const string AverageValue = "AverageValue";
}

public static class ScalingPolicyTypes
{
    public const string Pods = "Pods";
    public const string Percent = "Percent";
}

public static class ScalingPolicySelects
{
    public const string Max = "Max";
    public const string Min = "Min";
    public const string Disabled = "Disabled";
}

/// <summary>The HPA conditions Kubernetes keeps, and their reasons.</summary>
public static class HpaConditions
{
    public const string AbleToScale = "AbleToScale";
    public const string ScalingActive = "ScalingActive";
    public const string ScalingLimited = "ScalingLimited";

    public const string SucceededGetScale = "SucceededGetScale";
    public const string FailedGetScale = "FailedGetScale";
    public const string SucceededRescale = "SucceededRescale";
    public const string FailedRescale = "FailedRescale";
    public const string ReadyForNewScale = "ReadyForNewScale";
    public const string ScaleUpStabilized = "ScaleUpStabilized";
    public const string ScaleDownStabilized = "ScaleDownStabilized";
    public const string ValidMetricFound = "ValidMetricFound";
    public const string InvalidMetricSourceType = "InvalidMetricSourceType";
    public const string FailedGetResourceMetric = "FailedGetResourceMetric";
    public const string FailedGetPodsMetric = "FailedGetPodsMetric";
    public const string InvalidSelector = "InvalidSelector";
    public const string ScalingDisabled = "ScalingDisabled";
    public const string TooFewReplicas = "TooFewReplicas";
    public const string TooManyReplicas = "TooManyReplicas";
    public const string DesiredWithinRange = "DesiredWithinRange";

    /// <summary>Parts the AbleToScale message of a rescale (<see cref="SucceededRescale"/>) from the reason for it, which
    /// the Kubernetes Event SuccessfulRescale repeats.</summary>
    public const string ReasonSeparator = "; reason: ";

    /// <summary>The AbleToScale message after the target was scaled to <paramref name="replicas"/> for <paramref name="reason"/>.</summary>
    public static string Rescaled(int replicas, string reason) =>
        $"the HPA controller was able to update the target scale to {replicas}{ReasonSeparator}{reason}";
}
