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
        if (!SameSelector(old.Spec.Selector, updated.Spec.Selector))
            errors.Add(FieldError.Invalid(FieldPath.Root("spec").Child("selector"), Describe(updated.Spec.Selector), ObjectMetaValidation.FieldImmutable));
        return errors;
    }

    /// <summary>The workload rules shared by every kind with a selector and a pod template.</summary>
    public static IReadOnlyList<FieldError> ValidateSpec(ReplicaSetSpec spec, FieldPath root)
    {
        var errors = new List<FieldError>();
        if (spec.Replicas is < 0) errors.Add(FieldError.Invalid(root.Child("replicas"), spec.Replicas.Value, ObjectMetaValidation.NegativeNumber));
        if (spec.MinReadySeconds is < 0) errors.Add(FieldError.Invalid(root.Child("minReadySeconds"), spec.MinReadySeconds.Value, ObjectMetaValidation.NegativeNumber));

        var selectorPath = root.Child("selector");
        Selectors.LabelSelector? selector = null;
        if (spec.Selector is null) errors.Add(FieldError.Required(selectorPath));
        else if ((spec.Selector.MatchLabels?.Count ?? 0) + (spec.Selector.MatchExpressions?.Count ?? 0) == 0)
            errors.Add(FieldError.Required(selectorPath, "empty selector is invalid for deployment"));
        else if (!spec.Selector.TryToSelector(out var parsed, out var error))
            errors.Add(FieldError.Invalid(selectorPath, Describe(spec.Selector), error ?? "invalid label selector"));
        else
        {
            selector = parsed;
            errors.AddRange(ObjectMetaValidation.ValidateLabels(spec.Selector.MatchLabels, selectorPath.Child("matchLabels")));
        }

        var templatePath = root.Child("template");
        if (spec.Template is null)
        {
            errors.Add(FieldError.Required(templatePath));
            return errors;
        }
        var labels = spec.Template.Metadata?.Labels;
        var labelsPath = templatePath.Child("metadata").Child("labels");
        errors.AddRange(ObjectMetaValidation.ValidateLabels(labels, labelsPath));
        if (selector is not null && !selector.Matches(labels))
            errors.Add(FieldError.Invalid(labelsPath, Describe(labels), "`selector` does not match template `labels`"));
        errors.AddRange(ObjectMetaValidation.ValidateAnnotations(spec.Template.Metadata?.Annotations, templatePath.Child("metadata").Child("annotations")));
        var podSpec = templatePath.Child("spec");
        errors.AddRange(PodValidation.ValidateSpec(spec.Template.Spec, podSpec));
        if (spec.Template.Spec.RestartPolicy is { Length: > 0 } policy && policy != "Always")
            errors.Add(FieldError.NotSupported(podSpec.Child("restartPolicy"), policy, ["Always"]));
        if (!string.IsNullOrEmpty(spec.Template.Spec.NodeName))
            errors.Add(FieldError.Forbidden(podSpec.Child("nodeName"), "a pod template may not name a node"));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateStatus(ReplicaSetStatus? status)
    {
        var errors = new List<FieldError>();
        var root = FieldPath.Root("status");
        foreach (var (field, value) in new[]
        {
            ("replicas", (int?)status?.Replicas), ("fullyLabeledReplicas", status?.FullyLabeledReplicas),
            ("readyReplicas", status?.ReadyReplicas), ("availableReplicas", status?.AvailableReplicas),
        })
        {
            if (value is < 0) errors.Add(FieldError.Invalid(root.Child(field), value.Value, ObjectMetaValidation.NegativeNumber));
        }
        if (status?.ObservedGeneration is < 0)
            errors.Add(FieldError.Invalid(root.Child("observedGeneration"), status.ObservedGeneration.Value, ObjectMetaValidation.NegativeNumber));
        return errors;
    }

    private static bool SameSelector(LabelSelectorSpec? a, LabelSelectorSpec? b) => Serialization.KubeJson.Equal(a, b);

    private static string Describe<TValue>(TValue value) => System.Text.Json.JsonSerializer.Serialize(value, Serialization.KubeJson.Options);
}
