using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' namespace rules: the name is a DNS-1123 label, spec.finalizers are qualified or standard names.</summary>
public static class NamespaceValidation
{
    private static readonly HashSet<string> StandardFinalizers = new(StringComparer.Ordinal) { "kubernetes", GarbageCollectionFinalizers.Orphan, GarbageCollectionFinalizers.ForegroundDeletion };

    public static IReadOnlyList<FieldError> ValidateCreate(Namespace ns)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(ns.Metadata, requiresNamespace: false, NameValidation.NameIsDnsLabel));
        errors.AddRange(ValidateFinalizers(ns.Spec?.Finalizers ?? []));
        return errors;
    }

    /// <summary>spec.finalizers, on create and through /finalize.</summary>
    public static IReadOnlyList<FieldError> ValidateFinalizers(IEnumerable<string> finalizers)
    {
        var errors = new List<FieldError>();
        var path = FieldPath.Root("spec").Child("finalizers");
        foreach (var finalizer in finalizers)
        {
            var messages = NameValidation.IsQualifiedName(finalizer);
            foreach (var message in messages) errors.Add(FieldError.Invalid(path, finalizer, message));
            if (messages.Count == 0 && !finalizer.Contains('/') && !StandardFinalizers.Contains(finalizer))
            {
                errors.Add(FieldError.Invalid(path, finalizer, "name is neither a standard finalizer name nor is it fully qualified"));
            }
        }
        return errors;
    }

    /// <summary>Only metadata rules apply: an update ignores spec and status, which change through /finalize and /status.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(Namespace old, Namespace updated) =>
        ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata);
}
