using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' PersistentVolumeClaim rules (ValidatePersistentVolumeClaim*): at least one supported access mode, a
/// positive <c>resources.requests.storage</c>, a well-formed selector, class and volume mode. After creation the spec
/// is immutable except the storage request of a bound claim, which may grow, and a volumeName set once while it is
/// empty (binding).</summary>
public static class PersistentVolumeClaimValidation
{
    public const string SpecImmutable = "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";
    public const string NoShrink = "field can not be less than previous value";

    public static IReadOnlyList<FieldError> ValidateCreate(PersistentVolumeClaim claim)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(claim.Metadata, requiresNamespace: true, NameValidation.NameIsDnsSubdomain));
        ValidateSpec(claim.Spec, FieldPath.Root("spec"), errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(PersistentVolumeClaim old, PersistentVolumeClaim updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        ValidateSpec(updated.Spec, FieldPath.Root("spec"), errors);

        // What may change is taken out of both sides: a bound claim's storage request, and a volumeName the old claim had not.
        var bound = old.Status?.Phase == PersistentVolumes.Bound;
        var oldRest = bound ? old.Spec with { Resources = WithoutStorage(old.Spec.Resources) } : old.Spec;
        var newRest = bound ? updated.Spec with { Resources = WithoutStorage(updated.Spec.Resources) } : updated.Spec;
        if (string.IsNullOrEmpty(old.Spec.VolumeName)) oldRest = oldRest with { VolumeName = updated.Spec.VolumeName };
        if (!Serialization.KubeJson.Equal(oldRest, newRest)) errors.Add(FieldError.Forbidden("spec", SpecImmutable));

        if (bound && CompareStorage(old.Spec, updated.Spec) < 0) errors.Add(FieldError.Forbidden("spec.resources.requests.storage", NoShrink));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateStatus(PersistentVolumeClaim claim)
    {
        var errors = new List<FieldError>();
        var status = FieldPath.Root("status");
        if (claim.Status?.Phase is { Length: > 0 } phase && !PersistentVolumes.ClaimPhases.Contains(phase))
            errors.Add(FieldError.NotSupported(status.Child("phase"), phase, PersistentVolumes.ClaimPhases));
        if (claim.Status?.AccessModes is { } modes)
            foreach (var mode in modes)
                if (!PersistentVolumes.AccessModes.Contains(mode)) errors.Add(FieldError.NotSupported(status.Child("accessModes"), mode, PersistentVolumes.AccessModes));
        foreach (var (name, text) in (claim.Status?.Capacity ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var path = status.Child("capacity").Key(name);
            if (!Quantity.TryParse(text, out var quantity, out var error)) errors.Add(FieldError.Invalid(path, text, error!));
            else if (quantity.Sign < 0) errors.Add(FieldError.Invalid(path, quantity.ToString(), ObjectMetaValidation.NegativeNumber));
        }
        var conditions = claim.Status?.Conditions ?? [];
        for (var i = 0; i < conditions.Count; i++)
            if (conditions[i].Type.Length == 0) errors.Add(FieldError.Required(status.Child("conditions").Index(i).Child("type")));
        return errors;
    }

    public static string? StorageOf(PersistentVolumeClaimSpec spec) => spec.Resources?.Requests?.GetValueOrDefault("storage");

    /// <summary>How the storage an update asks for compares with what the claim asked before (below, at or above 0);
    /// null when either does not parse.</summary>
    public static int? CompareStorage(PersistentVolumeClaimSpec old, PersistentVolumeClaimSpec updated) =>
        Quantity.TryParse(StorageOf(old), out var oldSize) && Quantity.TryParse(StorageOf(updated), out var newSize) ? newSize.CompareTo(oldSize) : null;

    private static void ValidateSpec(PersistentVolumeClaimSpec spec, FieldPath path, List<FieldError> errors)
    {
        StorageValidation.ValidateAccessModes(spec.AccessModes, path.Child("accessModes"), "at least 1 access mode is required", errors);
        if (spec.Selector is { } selector)
        {
            if (!selector.TryToSelector(out _, out var error))
                errors.Add(FieldError.Invalid(path.Child("selector"), WorkloadValidation.Describe(selector), error ?? "invalid label selector") with { ValueIsLiteral = true });
            else errors.AddRange(ObjectMetaValidation.ValidateLabels(selector.MatchLabels, path.Child("selector").Child("matchLabels")));
        }
        // Kubernetes names the field resources[storage].
        var storagePath = path.Child("resources").Key("storage");
        if (StorageOf(spec) is not { } storage) errors.Add(FieldError.Required(storagePath));
        else StorageValidation.ValidatePositiveQuantity(storage, storagePath, errors);
        StorageValidation.ValidateClassName(spec.StorageClassName, path.Child("storageClassName"), errors);
        StorageValidation.ValidateVolumeMode(spec.VolumeMode, path.Child("volumeMode"), errors);
    }

    private static ResourceRequirements? WithoutStorage(ResourceRequirements? resources)
    {
        if (resources?.Requests is not { } requests) return resources;
        var rest = requests.Where(p => p.Key != "storage").ToDictionary(p => p.Key, p => p.Value);
        return resources with { Requests = rest.Count > 0 ? rest : null };
    }
}
