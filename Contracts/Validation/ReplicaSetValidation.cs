using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' ReplicaSet rules (pkg/apis/apps/validation): a selector that is not empty and matches the
/// template's labels, a template whose pods restart Always, counts that are not negative; the selector is
/// immutable in apps/v1.</summary>
public static class ReplicaSetValidation
{
    public static IReadOnlyList<FieldError> ValidateCreate(ReplicaSet rs)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(rs.Metadata, requiresNamespace: true, NameValidation.NameIsDnsSubdomain));
        errors.AddRange(ValidateSpec(rs.Spec, FieldPath.Root("spec")));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(ReplicaSet old, ReplicaSet updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        errors.AddRange(ValidateSpec(updated.Spec, FieldPath.Root("spec")));
        errors.AddRange(ValidateSelectorUnchanged(old.Spec.Selector, updated.Spec.Selector));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateSpec(ReplicaSetSpec spec, FieldPath root)
    {
        var errors = new List<FieldError>();
        errors.AddRange(WorkloadValidation.ValidateCounts(spec.Replicas, spec.MinReadySeconds, root));
        var selector = WorkloadValidation.ValidateSelector(spec.Selector, root.Child("selector"), errors);
        errors.AddRange(WorkloadValidation.ValidateTemplate(spec.Template, selector, root.Child("template")));
        return errors;
    }

    /// <summary>apps/v1 selectors are immutable.</summary>
    public static IEnumerable<FieldError> ValidateSelectorUnchanged(LabelSelectorSpec? old, LabelSelectorSpec? updated)
    {
        if (!Serialization.KubeJson.Equal(old, updated))
            yield return FieldError.Invalid(FieldPath.Root("spec").Child("selector"), WorkloadValidation.Describe(updated), ObjectMetaValidation.FieldImmutable);
    }

    public static IReadOnlyList<FieldError> ValidateStatus(ReplicaSetStatus? status) =>
        WorkloadValidation.ValidateStatusCounts(FieldPath.Root("status"),
            ("replicas", status?.Replicas), ("fullyLabeledReplicas", status?.FullyLabeledReplicas), ("readyReplicas", status?.ReadyReplicas),
            ("availableReplicas", status?.AvailableReplicas), ("observedGeneration", status?.ObservedGeneration)).ToList();
}
