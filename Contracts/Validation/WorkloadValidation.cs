using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;

namespace EventOrch.Contracts.Validation;

/// <summary>The rules every kind with replicas, a selector and a pod template shares (Kubernetes'
/// pkg/apis/apps/validation and the ReplicationController rules of pkg/apis/core/validation).</summary>
public static class WorkloadValidation
{
    public static IEnumerable<FieldError> ValidateCounts(int? replicas, int? minReadySeconds, FieldPath root)
    {
        if (replicas is < 0) yield return FieldError.Invalid(root.Child("replicas"), replicas.Value, ObjectMetaValidation.NegativeNumber);
        if (minReadySeconds is < 0)
            yield return FieldError.Invalid(root.Child("minReadySeconds"), minReadySeconds.Value, ObjectMetaValidation.NegativeNumber);
    }

    /// <summary>A structured selector: present, not empty, well formed; the parsed selector, or null after an error.</summary>
    public static LabelSelector? ValidateSelector(LabelSelectorSpec? spec, FieldPath path, List<FieldError> errors)
    {
        if (spec is null) errors.Add(FieldError.Required(path));
        else if ((spec.MatchLabels?.Count ?? 0) + (spec.MatchExpressions?.Count ?? 0) == 0)
            errors.Add(FieldError.Required(path, "empty selector is invalid for deployment"));
        else if (!spec.TryToSelector(out var parsed, out var error))
            errors.Add(FieldError.Invalid(path, Describe(spec), error ?? "invalid label selector"));
        else
        {
            errors.AddRange(ObjectMetaValidation.ValidateLabels(spec.MatchLabels, path.Child("matchLabels")));
            return parsed;
        }
        return null;
    }

    /// <summary>A pod template whose labels the selector matches and whose pods restart Always.</summary>
    public static IEnumerable<FieldError> ValidateTemplate(PodTemplateSpec? template, LabelSelector? selector, FieldPath path)
    {
        var errors = new List<FieldError>();
        if (template is null)
        {
            errors.Add(FieldError.Required(path));
            return errors;
        }
        var labels = template.Metadata?.Labels;
        var labelsPath = path.Child("metadata").Child("labels");
        errors.AddRange(ObjectMetaValidation.ValidateLabels(labels, labelsPath));
        if (selector is not null && !selector.Matches(labels))
            errors.Add(FieldError.Invalid(labelsPath, Describe(labels), "`selector` does not match template `labels`"));
        errors.AddRange(ObjectMetaValidation.ValidateAnnotations(template.Metadata?.Annotations, path.Child("metadata").Child("annotations")));
        var podSpec = path.Child("spec");
        errors.AddRange(PodValidation.ValidateSpec(template.Spec, podSpec));
        if (template.Spec.RestartPolicy is { Length: > 0 } policy && policy != "Always")
            errors.Add(FieldError.NotSupported(podSpec.Child("restartPolicy"), policy, ["Always"]));
        if (!string.IsNullOrEmpty(template.Spec.NodeName))
            errors.Add(FieldError.Forbidden(podSpec.Child("nodeName"), "a pod template may not name a node"));
        return errors;
    }

    /// <summary>Counts in a status are never negative.</summary>
    public static IEnumerable<FieldError> ValidateStatusCounts(FieldPath root, params (string Field, long? Value)[] counts)
    {
        foreach (var (field, value) in counts)
        {
            if (value is < 0) yield return FieldError.Invalid(root.Child(field), value.Value, ObjectMetaValidation.NegativeNumber);
        }
    }

    public static string Describe<TValue>(TValue value) => System.Text.Json.JsonSerializer.Serialize(value, Serialization.KubeJson.Options);
}
