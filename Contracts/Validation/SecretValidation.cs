using System.Text.Json;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' Secret rules: keys as for ConfigMaps, at most 1 MiB of data, the keys each kubernetes.io/
/// type requires, a type that never changes, and data that never changes once the Secret is immutable. Values are
/// never echoed in messages.</summary>
public static class SecretValidation
{
    private const string Redacted = "<secret contents redacted>";

    /// <summary>Rules of a new Secret; <see cref="Secret.StringData"/> must already be merged into its data.</summary>
    public static IReadOnlyList<FieldError> ValidateCreate(Secret secret)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(secret.Metadata, requiresNamespace: true, NameValidation.NameIsDnsSubdomain));
        ValidateSecret(secret, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(Secret old, Secret updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        if ((updated.Type ?? "") != (old.Type ?? "")) errors.Add(FieldError.Invalid("type", updated.Type, ObjectMetaValidation.FieldImmutable));
        if (old.Immutable == true)
        {
            if (updated.Immutable != true) errors.Add(FieldError.Forbidden("immutable", ConfigMapValidation.ImmutableWhenSet));
            if (!ObjectMetaEvolution.DictionaryEquals(old.Data, updated.Data)) errors.Add(FieldError.Forbidden("data", ConfigMapValidation.ImmutableWhenSet));
        }
        ValidateSecret(updated, errors);
        return errors;
    }

    private static void ValidateSecret(Secret secret, List<FieldError> errors)
    {
        if (secret.Sealed is not null) errors.Add(FieldError.Forbidden("sealed", "may not be set: the server seals the data itself"));
        var data = FieldPath.Root("data");
        ConfigMapValidation.ValidateKeys(secret.Data, data, errors);
        var size = secret.Data?.Values.Sum(v => (long)v.Length) ?? 0;
        if (size > ConfigMapValidation.MaxSize) errors.Add(FieldError.TooLong(data, ConfigMapValidation.MaxSize));
        ValidateType(secret, data, errors);
    }

    private static void ValidateType(Secret secret, FieldPath data, List<FieldError> errors)
    {
        var values = secret.Data ?? [];
        switch (secret.Type)
        {
            case SecretTypes.ServiceAccountToken:
                // Only the service account's name: its uid and the token itself are a controller's to add.
                if (string.IsNullOrEmpty(secret.Metadata.Annotations?.GetValueOrDefault(SecretTypes.ServiceAccountNameAnnotation)))
                    errors.Add(FieldError.Required(FieldPath.Root("metadata").Child("annotations").Key(SecretTypes.ServiceAccountNameAnnotation)));
                break;
            case SecretTypes.Dockercfg:
                RequireJson(values, SecretTypes.DockercfgKey, data, errors);
                break;
            case SecretTypes.DockerConfigJson:
                RequireJson(values, SecretTypes.DockerConfigJsonKey, data, errors);
                break;
            case SecretTypes.BasicAuth:
                // Either may be empty, but one of the two must be there.
                if (!values.ContainsKey(SecretTypes.BasicAuthUsernameKey) && !values.ContainsKey(SecretTypes.BasicAuthPasswordKey))
                {
                    errors.Add(FieldError.Required(data.Key(SecretTypes.BasicAuthUsernameKey)));
                    errors.Add(FieldError.Required(data.Key(SecretTypes.BasicAuthPasswordKey)));
                }
                break;
            case SecretTypes.SshAuth:
                if (values.GetValueOrDefault(SecretTypes.SshAuthPrivateKey) is not { Length: > 0 })
                    errors.Add(FieldError.Required(data.Key(SecretTypes.SshAuthPrivateKey)));
                break;
            case SecretTypes.Tls:
                if (!values.ContainsKey(SecretTypes.TlsCertKey)) errors.Add(FieldError.Required(data.Key(SecretTypes.TlsCertKey)));
                if (!values.ContainsKey(SecretTypes.TlsPrivateKeyKey)) errors.Add(FieldError.Required(data.Key(SecretTypes.TlsPrivateKeyKey)));
                break;
        }
    }

    // A docker configuration must be there and be a JSON object.
    private static void RequireJson(Dictionary<string, byte[]> values, string key, FieldPath data, List<FieldError> errors)
    {
        if (!values.TryGetValue(key, out var bytes))
        {
            errors.Add(FieldError.Required(data.Key(key)));
            return;
        }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                errors.Add(FieldError.Invalid(data.Key(key), Redacted, "must be a JSON object"));
        }
        catch (JsonException ex)
        {
            // The parser's own message may quote the content: only where it failed is said.
            errors.Add(FieldError.Invalid(data.Key(key), Redacted, $"must be well-formed JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})"));
        }
    }
}
