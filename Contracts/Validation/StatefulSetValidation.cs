using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' StatefulSet rules (pkg/apis/apps/validation ValidateStatefulSet*): a DNS-label name, a pod
/// management policy and an update strategy from their short lists, a claim retention policy of Retain or Delete,
/// counts that are not negative, a selector that matches the template, pods that restart Always; on update only
/// the fields Kubernetes lets change may change.</summary>
public static class StatefulSetValidation
{
    public const string SpecUpdateForbidden =
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', " +
        "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

    private static readonly string[] RetentionPolicies = [StatefulSetConventions.Retain, StatefulSetConventions.Delete];

    public static IReadOnlyList<FieldError> ValidateCreate(StatefulSet sts)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(sts.Metadata, requiresNamespace: true, NameValidation.NameIsDnsLabel));
        errors.AddRange(ValidateSpec(sts.Spec, FieldPath.Root("spec")));
        return errors;
    }

    /// <summary>The name is not checked again (Kubernetes once allowed DNS subdomains, and such a set must still be
    /// deletable); every spec field but the mutable ones must be as it was.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(StatefulSet old, StatefulSet updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        errors.AddRange(ValidateSpec(updated.Spec, FieldPath.Root("spec")));
        var mutableReset = updated.Spec with
        {
            Replicas = old.Spec.Replicas,
            Ordinals = old.Spec.Ordinals,
            Template = old.Spec.Template,
            UpdateStrategy = old.Spec.UpdateStrategy,
            RevisionHistoryLimit = old.Spec.RevisionHistoryLimit,
            PersistentVolumeClaimRetentionPolicy = old.Spec.PersistentVolumeClaimRetentionPolicy,
            MinReadySeconds = old.Spec.MinReadySeconds,
        };
        if (!KubeJson.Equal(mutableReset, old.Spec)) errors.Add(FieldError.Forbidden(FieldPath.Root("spec"), SpecUpdateForbidden));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateSpec(StatefulSetSpec spec, FieldPath root)
    {
        var errors = new List<FieldError>();
        ValidatePodManagementPolicy(spec.PodManagementPolicy, root.Child("podManagementPolicy"), errors);
        ValidateUpdateStrategy(spec.UpdateStrategy, root.Child("updateStrategy"), errors);
        if (spec.PersistentVolumeClaimRetentionPolicy is { } retention)
        {
            var at = root.Child("persistentVolumeClaimRetentionPolicy");
            ValidateRetention(retention.WhenDeleted, at.Child("whenDeleted"), errors);
            ValidateRetention(retention.WhenScaled, at.Child("whenScaled"), errors);
        }
        errors.AddRange(WorkloadValidation.ValidateCounts(spec.Replicas, spec.MinReadySeconds, root));
        if (spec.Ordinals?.Start is < 0)
            errors.Add(FieldError.Invalid(root.Child("ordinals.start"), spec.Ordinals.Start.Value, ObjectMetaValidation.NegativeNumber));
        if (spec.RevisionHistoryLimit is < 0)
            errors.Add(FieldError.Invalid(root.Child("revisionHistoryLimit"), spec.RevisionHistoryLimit.Value, ObjectMetaValidation.NegativeNumber));

        var selectorPath = root.Child("selector");
        Selectors.LabelSelector? selector = null;
        if (spec.Selector is { } given && (given.MatchLabels?.Count ?? 0) + (given.MatchExpressions?.Count ?? 0) == 0)
            errors.Add(FieldError.InvalidLiteral(selectorPath, WorkloadValidation.Describe(given), "empty selector is invalid for statefulset"));
        else selector = WorkloadValidation.ValidateSelector(spec.Selector, selectorPath, errors);

        var templatePath = root.Child("template");
        errors.AddRange(WorkloadValidation.ValidateTemplate(WithClaimVolumes(spec.Template, spec.VolumeClaimTemplates), selector, templatePath));
        if (spec.Template?.Spec.ActiveDeadlineSeconds is not null)
            errors.Add(FieldError.Forbidden(templatePath.Child("spec").Child("activeDeadlineSeconds"), "activeDeadlineSeconds in StatefulSet is not Supported"));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateStatus(StatefulSetStatus? status)
    {
        var root = FieldPath.Root("status");
        var errors = WorkloadValidation.ValidateStatusCounts(root,
            ("replicas", status?.Replicas), ("readyReplicas", status?.ReadyReplicas), ("currentReplicas", status?.CurrentReplicas),
            ("updatedReplicas", status?.UpdatedReplicas), ("availableReplicas", status?.AvailableReplicas),
            ("observedGeneration", status?.ObservedGeneration), ("collisionCount", status?.CollisionCount)).ToList();
        var replicas = status?.Replicas ?? 0;
        const string aboveReplicas = "cannot be greater than status.replicas";
        foreach (var (field, value) in new[] { ("readyReplicas", status?.ReadyReplicas), ("currentReplicas", status?.CurrentReplicas),
                     ("updatedReplicas", status?.UpdatedReplicas), ("availableReplicas", status?.AvailableReplicas) })
        {
            if ((value ?? 0) > replicas) errors.Add(FieldError.Invalid(root.Child(field), value!.Value, aboveReplicas));
        }
        if ((status?.AvailableReplicas ?? 0) > (status?.ReadyReplicas ?? 0))
            errors.Add(FieldError.Invalid(root.Child("availableReplicas"), status!.AvailableReplicas!.Value, "cannot be greater than status.readyReplicas"));
        return errors;
    }

    private static void ValidatePodManagementPolicy(string? policy, FieldPath path, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(policy)) errors.Add(FieldError.Required(path));
        else if (policy is not (StatefulSetConventions.OrderedReady or StatefulSetConventions.Parallel))
            errors.Add(FieldError.Invalid(path, policy, $"must be '{StatefulSetConventions.OrderedReady}' or '{StatefulSetConventions.Parallel}'"));
    }

    private static void ValidateUpdateStrategy(StatefulSetUpdateStrategy? strategy, FieldPath path, List<FieldError> errors)
    {
        var rollingPath = path.Child("rollingUpdate");
        switch (strategy?.Type)
        {
            case null or "":
                errors.Add(FieldError.Required(path));
                break;
            case StatefulSetConventions.OnDelete:
                if (strategy.RollingUpdate is { } rolling)
                    errors.Add(FieldError.InvalidLiteral(rollingPath, WorkloadValidation.Describe(rolling),
                        $"only allowed for updateStrategy '{StatefulSetConventions.RollingUpdate}'"));
                break;
            case StatefulSetConventions.RollingUpdate:
                if (strategy.RollingUpdate is { } update) ValidateRollingUpdate(update, rollingPath, errors);
                break;
            default:
                errors.Add(FieldError.InvalidLiteral(path, WorkloadValidation.Describe(strategy),
                    $"must be '{StatefulSetConventions.RollingUpdate}' or '{StatefulSetConventions.OnDelete}'"));
                break;
        }
    }

    private static void ValidateRollingUpdate(RollingUpdateStatefulSetStrategy rolling, FieldPath path, List<FieldError> errors)
    {
        if (rolling.Partition is < 0) errors.Add(FieldError.Invalid(path.Child("partition"), rolling.Partition.Value, ObjectMetaValidation.NegativeNumber));
        if (rolling.MaxUnavailable is not { } unavailable) return;
        var at = path.Child("maxUnavailable");
        if (unavailable.IntValue is { } number)
        {
            if (number < 0) errors.Add(FieldError.Invalid(at, number, ObjectMetaValidation.NegativeNumber));
            else if (number == 0) errors.Add(FieldError.Invalid(at, number, "cannot be 0"));
            return;
        }
        if (!unavailable.TryScale(100, roundUp: false, out var percent))
            errors.Add(FieldError.Invalid(at, unavailable.StringValue, "must be an integer or percentage (e.g '5%')"));
        else if (percent == 0) errors.Add(FieldError.Invalid(at, unavailable.StringValue, "cannot be 0"));
        else if (percent > 100) errors.Add(FieldError.Invalid(at, unavailable.StringValue, "must not be greater than 100%"));
    }

    private static void ValidateRetention(string? policy, FieldPath path, List<FieldError> errors)
    {
        if (policy is not (StatefulSetConventions.Retain or StatefulSetConventions.Delete)) errors.Add(FieldError.NotSupported(path, policy ?? "", RetentionPolicies));
    }

    // The controller gives each pod a volume per claim template, named as the template: the containers may mount
    // those names, so the template is checked as if the volumes were there (a volume of the same name gives way to the claim).
    private static PodTemplateSpec? WithClaimVolumes(PodTemplateSpec? template, List<PersistentVolumeClaim>? claims)
    {
        if (template is null || claims is not { Count: > 0 }) return template;
        var volumes = template.Spec.Volumes?.ToList() ?? [];
        var present = volumes.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in claims.Select(c => c.Metadata.Name))
        {
            if (name is { Length: > 0 } && NameValidation.IsDns1123Label(name).Count == 0 && present.Add(name))
                volumes.Add(new Volume { Name = name, EmptyDir = new EmptyDirVolumeSource() });
        }
        return template with { Spec = template.Spec with { Volumes = volumes } };
    }
}
