using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' StorageClass rules (pkg/apis/storage/validation): a provisioner that is a qualified name,
/// parameters with non-empty keys within 256 KiB, a supported reclaim policy and binding mode; provisioner, parameters,
/// reclaim policy and binding mode never change.</summary>
public static class StorageClassValidation
{
    private const int MaxParameters = 512;
    private const int MaxParametersSize = 256 * 1024;

    public static IReadOnlyList<FieldError> ValidateCreate(StorageClass storageClass)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(storageClass.Metadata, requiresNamespace: false, NameValidation.NameIsDnsSubdomain));
        ValidateFields(storageClass, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(StorageClass old, StorageClass updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        ValidateFields(updated, errors);
        if (!ObjectMetaEvolution.DictionaryEquals(old.Parameters, updated.Parameters))
            errors.Add(FieldError.Forbidden("parameters", "updates to parameters are forbidden."));
        if (old.Provisioner != updated.Provisioner) errors.Add(FieldError.Forbidden("provisioner", "updates to provisioner are forbidden."));
        if (old.ReclaimPolicy != updated.ReclaimPolicy) errors.Add(FieldError.Forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
        if (old.VolumeBindingMode != updated.VolumeBindingMode)
            errors.Add(FieldError.Invalid("volumeBindingMode", updated.VolumeBindingMode, ObjectMetaValidation.FieldImmutable));
        return errors;
    }

    private static void ValidateFields(StorageClass storageClass, List<FieldError> errors)
    {
        if (storageClass.Provisioner.Length == 0) errors.Add(FieldError.Required("provisioner"));
        else
        {
            foreach (var message in NameValidation.IsQualifiedName(storageClass.Provisioner.ToLowerInvariant()))
                errors.Add(FieldError.Invalid("provisioner", storageClass.Provisioner, message));
        }
        ValidateParameters(storageClass.Parameters, errors);
        if (storageClass.ReclaimPolicy is { Length: > 0 } policy && !StorageClasses.ClassReclaimPolicies.Contains(policy))
            errors.Add(FieldError.NotSupported("reclaimPolicy", policy, StorageClasses.ClassReclaimPolicies));
        if (storageClass.VolumeBindingMode is not { } mode) errors.Add(FieldError.Required("volumeBindingMode"));
        else if (!StorageClasses.BindingModes.Contains(mode)) errors.Add(FieldError.NotSupported("volumeBindingMode", mode, StorageClasses.BindingModes));
    }

    private static void ValidateParameters(Dictionary<string, string>? parameters, List<FieldError> errors)
    {
        if (parameters is null) return;
        if (parameters.Count > MaxParameters)
        {
            errors.Add(new FieldError("parameters", FieldErrorTypes.TooLong, $"may not have more than {MaxParameters} items"));
            return;
        }
        long size = 0;
        foreach (var (key, value) in parameters)
        {
            if (key.Length < 1) errors.Add(FieldError.Invalid("parameters", key, "field can not be empty."));
            size += key.Length + value.Length;
        }
        if (size > MaxParametersSize) errors.Add(FieldError.TooLong("parameters", MaxParametersSize));
    }
}
