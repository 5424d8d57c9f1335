using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' HorizontalPodAutoscaler rules (pkg/apis/autoscaling/validation), checked on the defaulted
/// autoscaling/v2 object, with what this cluster can scale made explicit: the target is a Deployment, a ReplicaSet or a
/// ReplicationController; resource metrics name cpu or memory; a target's type fits its source and carries its value.
/// Object and External metrics are accepted as Kubernetes accepts them; the autoscaler reports them as unsupported
/// through its ScalingActive condition.</summary>
public static class HorizontalPodAutoscalerValidation
{
    public const int MaxPeriodSeconds = 1800;
    public const int MaxStabilizationWindowSeconds = 3600;

    /// <summary>The kinds a HorizontalPodAutoscaler may scale, with the apiVersion each is served at.</summary>
    public static readonly IReadOnlyDictionary<string, string> ScalableKinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Deployment"] = "apps/v1",
        ["ReplicaSet"] = "apps/v1",
        ["ReplicationController"] = "v1",
    };

    private static readonly string[] MetricSourceTypeValues =
        [MetricSourceTypes.ContainerResource, MetricSourceTypes.External, MetricSourceTypes.Object, MetricSourceTypes.Pods, MetricSourceTypes.Resource];

    private static readonly string[] ResourceNames = ["cpu", "memory"];
    private static readonly string[] SelectPolicies = [ScalingPolicySelects.Disabled, ScalingPolicySelects.Max, ScalingPolicySelects.Min];
    private static readonly string[] PolicyTypes = [ScalingPolicyTypes.Percent, ScalingPolicyTypes.Pods];
    private static readonly string[] ResourceTargetTypes = [MetricTargetTypes.AverageValue, MetricTargetTypes.Utilization];
    private static readonly string[] PodsTargetTypes = [MetricTargetTypes.AverageValue];
    private static readonly string[] ValueTargetTypes = [MetricTargetTypes.AverageValue, MetricTargetTypes.Value];

    public static IReadOnlyList<FieldError> ValidateCreate(HorizontalPodAutoscaler hpa)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(hpa.Metadata, requiresNamespace: true, NameValidation.NameIsDnsSubdomain));
        errors.AddRange(ValidateSpec(hpa.Spec, FieldPath.Root("spec")));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(HorizontalPodAutoscaler old, HorizontalPodAutoscaler updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        errors.AddRange(ValidateSpec(updated.Spec, FieldPath.Root("spec")));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateStatus(HorizontalPodAutoscalerStatus? status)
    {
        var errors = new List<FieldError>();
        if (status is null) return errors;
        var root = FieldPath.Root("status");
        if (status.CurrentReplicas < 0) errors.Add(FieldError.Invalid(root.Child("currentReplicas"), status.CurrentReplicas, ObjectMetaValidation.NegativeNumber));
        if (status.DesiredReplicas < 0) errors.Add(FieldError.Invalid(root.Child("desiredReplicas"), status.DesiredReplicas, ObjectMetaValidation.NegativeNumber));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateSpec(HorizontalPodAutoscalerSpec spec, FieldPath root)
    {
        var errors = new List<FieldError>();
        // Scaling to zero is Kubernetes' alpha HPAScaleToZero, off by default: at least one replica.
        if (spec.MinReplicas is { } min && min < 1)
            errors.Add(FieldError.Invalid(root.Child("minReplicas"), min, "must be greater than or equal to 1"));
        if (spec.MaxReplicas < 1)
            errors.Add(FieldError.Invalid(root.Child("maxReplicas"), spec.MaxReplicas, "must be greater than 0"));
        if (spec.MinReplicas is { } lower && spec.MaxReplicas < lower)
            errors.Add(FieldError.Invalid(root.Child("maxReplicas"), spec.MaxReplicas, $"must be greater than or equal to `minReplicas` ({lower})"));
        errors.AddRange(ValidateScaleTargetRef(spec.ScaleTargetRef, root.Child("scaleTargetRef")));
        for (var i = 0; i < (spec.Metrics?.Count ?? 0); i++) errors.AddRange(ValidateMetric(spec.Metrics![i], root.Child("metrics").Index(i)));
        if (spec.Behavior is { } behavior)
        {
            errors.AddRange(ValidateRules(behavior.ScaleUp, root.Child("behavior").Child("scaleUp")));
            errors.AddRange(ValidateRules(behavior.ScaleDown, root.Child("behavior").Child("scaleDown")));
        }
        return errors;
    }

    private static IEnumerable<FieldError> ValidateScaleTargetRef(CrossVersionObjectReference reference, FieldPath path)
    {
        if (string.IsNullOrEmpty(reference.Kind)) yield return FieldError.Required(path.Child("kind"));
        else if (!ScalableKinds.TryGetValue(reference.Kind, out var apiVersion))
            yield return FieldError.NotSupported(path.Child("kind"), reference.Kind, ScalableKinds.Keys.Order(StringComparer.Ordinal));
        else if (!string.IsNullOrEmpty(reference.ApiVersion) && reference.ApiVersion != apiVersion)
            yield return FieldError.Invalid(path.Child("apiVersion"), reference.ApiVersion, $"a {reference.Kind} is served at {apiVersion}");
        if (string.IsNullOrEmpty(reference.Name)) yield return FieldError.Required(path.Child("name"));
        else foreach (var message in PathSegmentName(reference.Name)) yield return FieldError.Invalid(path.Child("name"), reference.Name, message);
    }

    private static List<FieldError> ValidateMetric(MetricSpec metric, FieldPath path)
    {
        var errors = new List<FieldError>();
        var present = new List<string>();
        if (metric.Resource is not null) present.Add("resource");
        if (metric.ContainerResource is not null) present.Add("containerResource");
        if (metric.Pods is not null) present.Add("pods");
        if (metric.Object is not null) present.Add("object");
        if (metric.External is not null) present.Add("external");

        string? expected = metric.Type switch
        {
            MetricSourceTypes.Resource => "resource",
            MetricSourceTypes.ContainerResource => "containerResource",
            MetricSourceTypes.Pods => "pods",
            MetricSourceTypes.Object => "object",
            MetricSourceTypes.External => "external",
            _ => null,
        };
        if (string.IsNullOrEmpty(metric.Type)) errors.Add(FieldError.Required(path.Child("type"), "must specify a metric source type"));
        else if (expected is null) errors.Add(FieldError.NotSupported(path.Child("type"), metric.Type, MetricSourceTypeValues));
        if (expected is not null && !present.Contains(expected))
            errors.Add(FieldError.Required(path.Child(expected), "must populate information for the given metric source"));
        foreach (var other in present.Where(p => p != expected))
            errors.Add(FieldError.Forbidden(path.Child(other), "must populate the given metric source only"));

        switch (expected)
        {
            case "resource" when metric.Resource is { } resource:
                errors.AddRange(ValidateResourceName(resource.Name, path.Child("resource").Child("name")));
                errors.AddRange(ValidateTarget(resource.Target, path.Child("resource").Child("target"), ResourceTargetTypes));
                break;
            case "containerResource" when metric.ContainerResource is { } container:
                var containerPath = path.Child("containerResource");
                errors.AddRange(ValidateResourceName(container.Name, containerPath.Child("name")));
                if (string.IsNullOrEmpty(container.Container)) errors.Add(FieldError.Required(containerPath.Child("container"), "must specify a container"));
                else foreach (var message in NameValidation.IsDns1123Label(container.Container)) errors.Add(FieldError.Invalid(containerPath.Child("container"), container.Container, message));
                errors.AddRange(ValidateTarget(container.Target, containerPath.Child("target"), ResourceTargetTypes));
                break;
            case "pods" when metric.Pods is { } pods:
                errors.AddRange(ValidateMetricName(pods.Metric, path.Child("pods").Child("metric")));
                errors.AddRange(ValidateTarget(pods.Target, path.Child("pods").Child("target"), PodsTargetTypes));
                break;
            case "object" when metric.Object is { } obj:
                var objectPath = path.Child("object");
                var described = obj.DescribedObject;
                if (string.IsNullOrEmpty(described.Kind)) errors.Add(FieldError.Required(objectPath.Child("describedObject").Child("kind")));
                else foreach (var message in PathSegmentName(described.Kind)) errors.Add(FieldError.Invalid(objectPath.Child("describedObject").Child("kind"), described.Kind, message));
                if (string.IsNullOrEmpty(described.Name)) errors.Add(FieldError.Required(objectPath.Child("describedObject").Child("name")));
                else foreach (var message in PathSegmentName(described.Name)) errors.Add(FieldError.Invalid(objectPath.Child("describedObject").Child("name"), described.Name, message));
                errors.AddRange(ValidateMetricName(obj.Metric, objectPath.Child("metric")));
                errors.AddRange(ValidateTarget(obj.Target, objectPath.Child("target"), ValueTargetTypes));
                break;
            case "external" when metric.External is { } external:
                errors.AddRange(ValidateMetricName(external.Metric, path.Child("external").Child("metric")));
                errors.AddRange(ValidateTarget(external.Target, path.Child("external").Child("target"), ValueTargetTypes));
                break;
        }
        return errors;
    }

    private static IEnumerable<FieldError> ValidateResourceName(string name, FieldPath path)
    {
        if (string.IsNullOrEmpty(name)) yield return FieldError.Required(path, "must specify a resource name");
        else if (!ResourceNames.Contains(name)) yield return FieldError.NotSupported(path, name, ResourceNames);
    }

    private static IEnumerable<FieldError> ValidateMetricName(MetricIdentifier metric, FieldPath path)
    {
        if (string.IsNullOrEmpty(metric.Name)) yield return FieldError.Required(path.Child("name"), "must specify a metric name");
        else foreach (var message in PathSegmentName(metric.Name)) yield return FieldError.Invalid(path.Child("name"), metric.Name, message);
        if (metric.Selector is { } selector && !selector.TryToSelector(out _, out var error))
            yield return FieldError.Invalid(path.Child("selector"), "", error ?? "invalid label selector");
    }

    // The target's type must be one the source can be measured against, and the field that type reads must be set:
    // averageUtilization for Utilization, averageValue for AverageValue, value for Value.
    private static List<FieldError> ValidateTarget(MetricTarget target, FieldPath path, string[] allowed)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(target.Type)) errors.Add(FieldError.Required(path.Child("type"), "must specify a metric target type"));
        else if (!allowed.Contains(target.Type)) errors.Add(FieldError.NotSupported(path.Child("type"), target.Type, allowed));
        else
        {
            var (field, set) = target.Type switch
            {
                MetricTargetTypes.Utilization => ("averageUtilization", target.AverageUtilization is not null),
                MetricTargetTypes.AverageValue => ("averageValue", target.AverageValue is not null),
                _ => ("value", target.Value is not null),
            };
            if (!set) errors.Add(FieldError.Required(path.Child(field), $"a target of type {target.Type} must set {field}"));
        }
        if (target.AverageUtilization is { } utilization)
        {
            if (utilization < 1) errors.Add(FieldError.Invalid(path.Child("averageUtilization"), utilization, "must be greater than 0"));
            if (target.Type != MetricTargetTypes.Utilization && allowed.Contains(target.Type))
                errors.Add(FieldError.Forbidden(path.Child("averageUtilization"), "may only be set when type is Utilization"));
        }
        errors.AddRange(ValidateQuantity(target.Value, path.Child("value")));
        errors.AddRange(ValidateQuantity(target.AverageValue, path.Child("averageValue")));
        return errors;
    }

    private static IEnumerable<FieldError> ValidateQuantity(string? text, FieldPath path)
    {
        if (text is null) yield break;
        if (!Quantity.TryParse(text, out var quantity, out var error)) yield return FieldError.Invalid(path, text, error ?? QuantityParser.FormatError);
        else if (quantity.Sign != 1) yield return FieldError.Invalid(path, text, "must be positive");
    }

    private static List<FieldError> ValidateRules(HpaScalingRules? rules, FieldPath path)
    {
        var errors = new List<FieldError>();
        if (rules is null) return errors;
        if (rules.StabilizationWindowSeconds is { } window && (window < 0 || window > MaxStabilizationWindowSeconds))
            errors.Add(FieldError.Invalid(path.Child("stabilizationWindowSeconds"), window, NameValidation.InclusiveRangeError(0, MaxStabilizationWindowSeconds)));
        if (rules.SelectPolicy is { } select && !SelectPolicies.Contains(select))
            errors.Add(FieldError.NotSupported(path.Child("selectPolicy"), select, SelectPolicies));
        var policies = path.Child("policies");
        if (rules.Policies is not { Count: > 0 }) errors.Add(FieldError.Required(policies, "must specify at least one Policy"));
        for (var i = 0; i < (rules.Policies?.Count ?? 0); i++)
        {
            var policy = rules.Policies![i];
            var policyPath = policies.Index(i);
            if (!PolicyTypes.Contains(policy.Type)) errors.Add(FieldError.NotSupported(policyPath.Child("type"), policy.Type, PolicyTypes));
            if (policy.Value <= 0) errors.Add(FieldError.Invalid(policyPath.Child("value"), policy.Value, "must be greater than zero"));
            if (policy.PeriodSeconds <= 0 || policy.PeriodSeconds > MaxPeriodSeconds)
                errors.Add(FieldError.Invalid(policyPath.Child("periodSeconds"), policy.PeriodSeconds, NameValidation.InclusiveRangeError(1, MaxPeriodSeconds)));
        }
        return errors;
    }

    // apimachinery's IsValidPathSegmentName: the name becomes a segment of a URL path.
    private static IEnumerable<string> PathSegmentName(string name)
    {
        if (name is "." or "..") yield return $"may not be '{name}'";
        foreach (var illegal in new[] { "/", "%" })
            if (name.Contains(illegal, StringComparison.Ordinal)) yield return $"may not contain '{illegal}'";
    }
}
