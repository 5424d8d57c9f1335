using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' Deployment rules (pkg/apis/apps/validation): the workload rules, plus a strategy that is
/// RollingUpdate (with a surge and an unavailability that are not both zero) or Recreate (with no rollingUpdate),
/// a revision history and a progress deadline that make sense. The selector is immutable in apps/v1.</summary>
public static class DeploymentValidation
{
    public static IReadOnlyList<FieldError> ValidateCreate(Deployment deployment)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(deployment.Metadata, requiresNamespace: true, NameValidation.NameIsDnsSubdomain));
        errors.AddRange(ValidateSpec(deployment.Spec, FieldPath.Root("spec")));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(Deployment old, Deployment updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        errors.AddRange(ValidateSpec(updated.Spec, FieldPath.Root("spec")));
        errors.AddRange(ReplicaSetValidation.ValidateSelectorUnchanged(old.Spec.Selector, updated.Spec.Selector));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateSpec(DeploymentSpec spec, FieldPath root)
    {
        var errors = new List<FieldError>();
        errors.AddRange(WorkloadValidation.ValidateCounts(spec.Replicas, spec.MinReadySeconds, root));
        var selector = WorkloadValidation.ValidateSelector(spec.Selector, root.Child("selector"), errors);
        errors.AddRange(WorkloadValidation.ValidateTemplate(spec.Template, selector, root.Child("template")));
        errors.AddRange(ValidateStrategy(spec.Strategy, root.Child("strategy")));
        if (spec.RevisionHistoryLimit is < 0)
            errors.Add(FieldError.Invalid(root.Child("revisionHistoryLimit"), spec.RevisionHistoryLimit.Value, ObjectMetaValidation.NegativeNumber));
        if (spec.ProgressDeadlineSeconds is { } deadline)
        {
            var path = root.Child("progressDeadlineSeconds");
            if (deadline < 0) errors.Add(FieldError.Invalid(path, deadline, ObjectMetaValidation.NegativeNumber));
            else if (deadline <= (spec.MinReadySeconds ?? 0)) errors.Add(FieldError.Invalid(path, deadline, "must be greater than minReadySeconds"));
        }
        return errors;
    }

    private static IEnumerable<FieldError> ValidateStrategy(DeploymentStrategy? strategy, FieldPath path)
    {
        var errors = new List<FieldError>();
        var type = strategy?.Type;
        if (type is not (DeploymentStrategyTypes.RollingUpdate or DeploymentStrategyTypes.Recreate))
        {
            errors.Add(type is null or ""
                ? FieldError.Required(path.Child("type"))
                : FieldError.NotSupported(path.Child("type"), type, [DeploymentStrategyTypes.Recreate, DeploymentStrategyTypes.RollingUpdate]));
            return errors;
        }
        var rolling = strategy!.RollingUpdate;
        var rollingPath = path.Child("rollingUpdate");
        if (type == DeploymentStrategyTypes.Recreate)
        {
            if (rolling is not null) errors.Add(FieldError.Forbidden(rollingPath, "may not be specified when strategy `type` is 'Recreate'"));
            return errors;
        }
        if (rolling is null)
        {
            errors.Add(FieldError.Required(rollingPath, "this should be defaulted and never be nil"));
            return errors;
        }
        var unavailablePath = rollingPath.Child("maxUnavailable");
        var surgePath = rollingPath.Child("maxSurge");
        errors.AddRange(ValidateIntOrPercent(rolling.MaxUnavailable, unavailablePath));
        errors.AddRange(ValidateIntOrPercent(rolling.MaxSurge, surgePath));
        if (rolling.MaxUnavailable is { StringValue: not null } unavailable && unavailable.TryScale(100, roundUp: false, out var percent) && percent > 100)
            errors.Add(FieldError.Invalid(unavailablePath, unavailable.ToString(), "must not be greater than 100%"));
        if (IsZero(rolling.MaxUnavailable) && IsZero(rolling.MaxSurge))
            errors.Add(FieldError.Invalid(unavailablePath, rolling.MaxUnavailable?.ToString() ?? "0", "may not be 0 when `maxSurge` is 0"));
        return errors;
    }

    private static IEnumerable<FieldError> ValidateIntOrPercent(IntOrString? value, FieldPath path)
    {
        if (value is not { } v) yield break;
        if (v.IntValue is < 0) yield return FieldError.Invalid(path, v.IntValue.Value, ObjectMetaValidation.NegativeNumber);
        else if (!v.IsInt && !v.TryScale(100, roundUp: false, out _))
            yield return FieldError.Invalid(path, v.StringValue, "must be an integer or percentage (e.g '5%')");
    }

    // Zero as a number or as "0%": a percentage scales to zero only when it is zero itself.
    private static bool IsZero(IntOrString? value) => value is null || value.Value.TryScale(100, roundUp: false, out var scaled) && scaled == 0;

    public static IReadOnlyList<FieldError> ValidateStatus(DeploymentStatus? status) =>
        WorkloadValidation.ValidateStatusCounts(FieldPath.Root("status"),
            ("replicas", status?.Replicas), ("updatedReplicas", status?.UpdatedReplicas), ("readyReplicas", status?.ReadyReplicas),
            ("availableReplicas", status?.AvailableReplicas), ("unavailableReplicas", status?.UnavailableReplicas),
            ("observedGeneration", status?.ObservedGeneration), ("collisionCount", status?.CollisionCount)).ToList();
}
