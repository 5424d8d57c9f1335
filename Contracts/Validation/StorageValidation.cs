using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Contracts.Validation;

/// <summary>Rules PersistentVolumes and PersistentVolumeClaims share: access modes, class names, volume modes, paths
/// and sizes, with Kubernetes' messages.</summary>
public static class StorageValidation
{
    public const string ReadWriteOncePodAlone = "may not use ReadWriteOncePod with other access modes";

    public static void ValidateAccessModes(IReadOnlyList<string>? modes, FieldPath path, string requiredDetail, List<FieldError> errors)
    {
        if (modes is not { Count: > 0 })
        {
            errors.Add(FieldError.Required(path, requiredDetail));
            return;
        }
        foreach (var mode in modes)
            if (!PersistentVolumes.AccessModes.Contains(mode)) errors.Add(FieldError.NotSupported(path, mode, PersistentVolumes.AccessModes));
        if (modes.Contains(PersistentVolumes.ReadWriteOncePod) && modes.Count > 1) errors.Add(FieldError.Forbidden(path, ReadWriteOncePodAlone));
    }

    /// <summary>A class name, when one is given, is a DNS subdomain ("" means no class).</summary>
    public static void ValidateClassName(string? name, FieldPath path, List<FieldError> errors)
    {
        if (name is not { Length: > 0 }) return;
        foreach (var message in NameValidation.IsDns1123Subdomain(name)) errors.Add(FieldError.Invalid(path, name, message));
    }

    public static void ValidateVolumeMode(string? mode, FieldPath path, List<FieldError> errors)
    {
        if (mode is not null && !PersistentVolumes.VolumeModes.Contains(mode)) errors.Add(FieldError.NotSupported(path, mode, PersistentVolumes.VolumeModes));
    }

    /// <summary>A path that is given and never steps back ("..").</summary>
    public static void ValidateLocalPath(string value, FieldPath path, List<FieldError> errors)
    {
        if (value.Length == 0) errors.Add(FieldError.Required(path));
        else if (value.Replace('\\', '/').Split('/').Contains("..")) errors.Add(FieldError.Invalid(path, value, "must not contain '..'"));
    }

    /// <summary>A quantity that parses and is greater than zero; the parsed quantity, or null.</summary>
    public static Quantity? ValidatePositiveQuantity(string text, FieldPath path, List<FieldError> errors)
    {
        if (!Quantity.TryParse(text, out var quantity, out var error))
        {
            errors.Add(FieldError.Invalid(path, text, error!));
            return null;
        }
        if (quantity.Sign <= 0) errors.Add(FieldError.Invalid(path, quantity.ToString(), PersistentVolumeValidation.NotPositive));
        return quantity;
    }
}
