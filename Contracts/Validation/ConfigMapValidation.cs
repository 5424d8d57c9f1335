using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' ConfigMap rules: keys that can be file names, no key in both data and binaryData, at most
/// 1 MiB of values, and nothing of the data changes once the ConfigMap is immutable.</summary>
public static class ConfigMapValidation
{
    /// <summary>The most bytes the values of one ConfigMap or Secret may hold together (Kubernetes' MaxSecretSize).</summary>
    public const int MaxSize = 1024 * 1024;

    public const string ImmutableWhenSet = "field is immutable when `immutable` is set";

    public static IReadOnlyList<FieldError> ValidateCreate(ConfigMap configMap)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(configMap.Metadata, requiresNamespace: true, NameValidation.NameIsDnsSubdomain));
        ValidateData(configMap, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(ConfigMap old, ConfigMap updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        if (old.Immutable == true)
        {
            if (updated.Immutable != true) errors.Add(FieldError.Forbidden("immutable", ImmutableWhenSet));
            if (!ObjectMetaEvolution.DictionaryEquals(old.Data, updated.Data)) errors.Add(FieldError.Forbidden("data", ImmutableWhenSet));
            if (!ObjectMetaEvolution.DictionaryEquals(old.BinaryData, updated.BinaryData)) errors.Add(FieldError.Forbidden("binaryData", ImmutableWhenSet));
        }
        ValidateData(updated, errors);
        return errors;
    }

    internal static void ValidateKeys<TValue>(IReadOnlyDictionary<string, TValue>? data, FieldPath path, List<FieldError> errors)
    {
        foreach (var key in (data?.Keys ?? Enumerable.Empty<string>()).Order(StringComparer.Ordinal))
        {
            foreach (var message in NameValidation.IsConfigMapKey(key)) errors.Add(FieldError.Invalid(path.Key(key), key, message));
        }
    }

    private static void ValidateData(ConfigMap configMap, List<FieldError> errors)
    {
        var data = FieldPath.Root("data");
        ValidateKeys(configMap.Data, data, errors);
        foreach (var key in (configMap.Data?.Keys ?? Enumerable.Empty<string>()).Order(StringComparer.Ordinal))
        {
            if (configMap.BinaryData?.ContainsKey(key) == true) errors.Add(FieldError.Invalid(data.Key(key), key, "duplicate of key present in binaryData"));
        }
        ValidateKeys(configMap.BinaryData, FieldPath.Root("binaryData"), errors);
        long size = (configMap.Data?.Values.Sum(v => (long)System.Text.Encoding.UTF8.GetByteCount(v)) ?? 0)
            + (configMap.BinaryData?.Values.Sum(v => (long)v.Length) ?? 0);
        // Kubernetes names no field (the whole object); here the error names data, where most of a ConfigMap is.
        if (size > MaxSize) errors.Add(FieldError.TooLong("data", MaxSize));
    }
}
