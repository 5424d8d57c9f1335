using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' ReplicationController rules (pkg/apis/core/validation): a selector map that is not empty
/// and matches the template's labels, a template whose pods restart Always, counts that are not negative. Unlike a
/// ReplicaSet's, the selector may change.</summary>
public static class ReplicationControllerValidation
{
    public static IReadOnlyList<FieldError> ValidateCreate(ReplicationController rc)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(rc.Metadata, requiresNamespace: true, NameValidation.NameIsDnsSubdomain));
        errors.AddRange(ValidateSpec(rc.Spec, FieldPath.Root("spec")));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(ReplicationController old, ReplicationController updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        errors.AddRange(ValidateSpec(updated.Spec, FieldPath.Root("spec")));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateSpec(ReplicationControllerSpec spec, FieldPath root)
    {
        var errors = new List<FieldError>();
        errors.AddRange(WorkloadValidation.ValidateCounts(spec.Replicas, spec.MinReadySeconds, root));
        var selectorPath = root.Child("selector");
        LabelSelector? selector = null;
        if (spec.Selector is not { Count: > 0 }) errors.Add(FieldError.Required(selectorPath));
        else
        {
            var labelErrors = ObjectMetaValidation.ValidateLabels(spec.Selector, selectorPath);
            errors.AddRange(labelErrors);
            if (labelErrors.Count == 0) selector = Selector(spec);
        }
        errors.AddRange(WorkloadValidation.ValidateTemplate(spec.Template, selector, root.Child("template")));
        return errors;
    }

    /// <summary>The equality selector as a label selector (every pair must hold); everything when it is empty.</summary>
    public static LabelSelector Selector(ReplicationControllerSpec spec) => LabelSelector.OfLabels(spec.Selector);
}
