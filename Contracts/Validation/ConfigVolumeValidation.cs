using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>The rules of configMap and secret volumes: a name, file modes 0 to 0777, and items that map a key to a
/// relative path inside the volume.</summary>
internal static class ConfigVolumeValidation
{
    public const string FileModeError = "must be a number between 0 and 0777 (octal), both inclusive";

    public static void ValidateConfigMap(ConfigMapVolumeSource source, FieldPath path, List<FieldError> errors)
    {
        EnvValidation.ValidateObjectName(source.Name, path.Child("name"), errors);
        ValidateFiles(source.DefaultMode, source.Items, path, errors);
    }

    public static void ValidateSecret(SecretVolumeSource source, FieldPath path, List<FieldError> errors)
    {
        EnvValidation.ValidateObjectName(source.SecretName, path.Child("secretName"), errors);
        ValidateFiles(source.DefaultMode, source.Items, path, errors);
    }

    private static void ValidateFiles(int? defaultMode, List<KeyToPath>? items, FieldPath path, List<FieldError> errors)
    {
        Mode(defaultMode, path.Child("defaultMode"), errors);
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var item = items![i];
            var at = path.Child("items").Index(i);
            if (item.Key.Length == 0) errors.Add(FieldError.Required(at.Child("key")));
            else
            {
                foreach (var message in NameValidation.IsConfigMapKey(item.Key)) errors.Add(FieldError.Invalid(at.Child("key"), item.Key, message));
            }
            if (item.Path.Length == 0) errors.Add(FieldError.Required(at.Child("path")));
            else ValidateLocalPath(item.Path, at.Child("path"), errors);
            Mode(item.Mode, at.Child("mode"), errors);
        }
    }

    // A path inside the volume: relative, never stepping up, and not one of the '..'-names the agent keeps for itself.
    private static void ValidateLocalPath(string value, FieldPath path, List<FieldError> errors)
    {
        if (value.StartsWith('/')) errors.Add(FieldError.Invalid(path, value, "must be a relative path"));
        if (value.Split('/').Contains("..")) errors.Add(FieldError.Invalid(path, value, "must not contain '..'"));
        if (value.StartsWith("..", StringComparison.Ordinal)) errors.Add(FieldError.Invalid(path, value, "must not start with '..'"));
    }

    private static void Mode(int? mode, FieldPath path, List<FieldError> errors)
    {
        if (mode is { } m && m is < 0 or > 511) errors.Add(FieldError.Invalid(path, m, FileModeError));
    }
}
