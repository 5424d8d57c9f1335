using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>The rules for a container's environment: names, downward-API field references, and references to ConfigMaps and Secrets.</summary>
internal static class EnvValidation
{
    /// <summary>Every field path the downward API can convert for a pod.</summary>
    private static readonly HashSet<string> ConvertibleFieldPaths = new(StringComparer.Ordinal)
    {
        "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
        "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName",
        "status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    };

    /// <summary>The field paths an environment variable may read.</summary>
    public static readonly string[] EnvFieldPaths =
    [
        "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    ];

    public static void ValidateEnv(List<EnvVar>? env, FieldPath path, List<FieldError> errors)
    {
        for (var i = 0; i < (env?.Count ?? 0); i++)
        {
            var variable = env![i];
            var at = path.Index(i);
            if (variable.Name.Length == 0) errors.Add(FieldError.Required(at.Child("name")));
            else
            {
                foreach (var message in NameValidation.IsEnvVarName(variable.Name)) errors.Add(FieldError.Invalid(at.Child("name"), variable.Name, message));
            }
            if (variable.ValueFrom is { } source) ValidateValueFrom(source, !string.IsNullOrEmpty(variable.Value), at.Child("valueFrom"), errors);
        }
    }

    private static void ValidateValueFrom(EnvVarSource source, bool hasValue, FieldPath path, List<FieldError> errors)
    {
        var sources = 0;
        if (source.FieldRef is { } fieldRef)
        {
            sources++;
            ValidateFieldRef(fieldRef, path.Child("fieldRef"), errors);
        }
        if (source.ConfigMapKeyRef is { } configMapKey)
        {
            sources++;
            ValidateKeySelector(configMapKey.Name, configMapKey.Key, path.Child("configMapKeyRef"), errors);
        }
        if (source.SecretKeyRef is { } secretKey)
        {
            sources++;
            ValidateKeySelector(secretKey.Name, secretKey.Key, path.Child("secretKeyRef"), errors);
        }
        if (sources == 0)
        {
            errors.Add(FieldError.Invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
            return;
        }
        if (sources > 1) errors.Add(FieldError.Invalid(path, "", "may not have more than one field specified at a time"));
        if (hasValue) errors.Add(FieldError.Invalid(path, "", "may not be specified when `value` is not empty"));
    }

    /// <summary>envFrom: an optional prefix that is itself a valid variable name, and exactly one of configMapRef and secretRef.</summary>
    public static void ValidateEnvFrom(List<EnvFromSource>? sources, FieldPath path, List<FieldError> errors)
    {
        for (var i = 0; i < (sources?.Count ?? 0); i++)
        {
            var source = sources![i];
            var at = path.Index(i);
            if (!string.IsNullOrEmpty(source.Prefix))
            {
                foreach (var message in NameValidation.IsEnvVarName(source.Prefix)) errors.Add(FieldError.Invalid(at.Child("prefix"), source.Prefix, message));
            }
            var count = 0;
            if (source.ConfigMapRef is { } configMap)
            {
                count++;
                ValidateObjectName(configMap.Name, at.Child("configMapRef").Child("name"), errors);
            }
            if (source.SecretRef is { } secret)
            {
                count++;
                ValidateObjectName(secret.Name, at.Child("secretRef").Child("name"), errors);
            }
            if (count == 0) errors.Add(FieldError.Invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
            else if (count > 1) errors.Add(FieldError.Invalid(path, "", "may not have more than one field specified at a time"));
        }
    }

    private static void ValidateKeySelector(string name, string key, FieldPath path, List<FieldError> errors)
    {
        ValidateObjectName(name, path.Child("name"), errors);
        if (key.Length == 0) errors.Add(FieldError.Required(path.Child("key")));
        else
        {
            foreach (var message in NameValidation.IsConfigMapKey(key)) errors.Add(FieldError.Invalid(path.Child("key"), key, message));
        }
    }

    /// <summary>The name of a ConfigMap or Secret a pod refers to: required, and a DNS subdomain as their names are.</summary>
    internal static void ValidateObjectName(string? name, FieldPath path, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(FieldError.Required(path));
            return;
        }
        foreach (var message in NameValidation.NameIsDnsSubdomain(name, false)) errors.Add(FieldError.Invalid(path, name, message));
    }

    private static void ValidateFieldRef(ObjectFieldSelector selector, FieldPath path, List<FieldError> errors)
    {
        if (selector.FieldPath.Length == 0)
        {
            errors.Add(FieldError.Required(path.Child("fieldPath")));
            return;
        }
        if (selector.ApiVersion is { Length: > 0 } version && version != "v1")
        {
            errors.Add(FieldError.Invalid(path.Child("fieldPath"), selector.FieldPath, $"error converting fieldPath: unsupported pod version: {version}"));
            return;
        }
        var (field, subscript) = SplitSubscript(selector.FieldPath);
        if (!ConvertibleFieldPaths.Contains(field))
        {
            errors.Add(FieldError.Invalid(path.Child("fieldPath"), selector.FieldPath, $"error converting fieldPath: field label not supported: {selector.FieldPath}"));
            return;
        }
        if (subscript is not null)
        {
            var key = field == "metadata.annotations" ? subscript.ToLowerInvariant() : subscript;
            if (field is "metadata.annotations" or "metadata.labels") errors.AddRange(ObjectMetaValidation.ValidateLabelName(key, path));
            else errors.Add(FieldError.Invalid(path, field, "does not support subscript"));
        }
        else if (!EnvFieldPaths.Contains(field))
        {
            errors.Add(FieldError.NotSupported(path.Child("fieldPath"), field, EnvFieldPaths));
        }
    }

    // "metadata.labels['app']" -> ("metadata.labels", "app")
    private static (string Field, string? Subscript) SplitSubscript(string fieldPath)
    {
        if (!fieldPath.EndsWith("']", StringComparison.Ordinal)) return (fieldPath, null);
        var trimmed = fieldPath[..^2];
        var open = trimmed.IndexOf("['", StringComparison.Ordinal);
        return open <= 0 ? (fieldPath, null) : (trimmed[..open], trimmed[(open + 2)..]);
    }
}
