using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;
using EventOrch.Contracts.Quota;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' ResourceQuota rules: standard quota resource names, quantities that are not negative, whole
/// numbers for counts. Quota scopes are not served here, so a quota naming any is refused.</summary>
public static class ResourceQuotaValidation
{
    public const string ScopesNotSupported = "quota scopes are not supported";

    private static readonly HashSet<string> StandardNames = new(StringComparer.Ordinal)
    {
        QuotaResources.Pods, QuotaResources.Services, QuotaResources.ReplicationControllers, QuotaResources.ResourceQuotas,
        QuotaResources.Secrets, QuotaResources.ConfigMaps, QuotaResources.PersistentVolumeClaims, QuotaResources.ServicesNodePorts,
        QuotaResources.ServicesLoadBalancers, "cpu", "memory", "ephemeral-storage", "storage", "requests.cpu", "requests.memory",
        "requests.storage", "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
    };

    public static IReadOnlyList<FieldError> ValidateCreate(ResourceQuota quota)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(quota.Metadata, requiresNamespace: true, NameValidation.NameIsDnsSubdomain));
        ValidateSpec(quota.Spec, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(ResourceQuota old, ResourceQuota updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        ValidateSpec(updated.Spec, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateStatus(ResourceQuota quota)
    {
        var errors = new List<FieldError>();
        ValidateList(quota.Status?.Hard, FieldPath.Root("status").Child("hard"), errors);
        ValidateList(quota.Status?.Used, FieldPath.Root("status").Child("used"), errors);
        return errors;
    }

    private static void ValidateSpec(ResourceQuotaSpec spec, List<FieldError> errors)
    {
        ValidateList(spec.Hard, FieldPath.Root("spec").Child("hard"), errors);
        if (spec.Scopes is { Count: > 0 }) errors.Add(FieldError.Forbidden("spec.scopes", ScopesNotSupported));
        if (spec.ScopeSelector is not null) errors.Add(FieldError.Forbidden("spec.scopeSelector", ScopesNotSupported));
    }

    private static void ValidateList(Dictionary<string, string>? list, FieldPath path, List<FieldError> errors)
    {
        foreach (var (name, text) in (list ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var entry = path.Key(name);
            var nameErrors = NameValidation.IsQualifiedName(name);
            foreach (var message in nameErrors) errors.Add(FieldError.Invalid(entry, name, message));
            if (nameErrors.Count == 0 && !name.Contains('/') && !StandardNames.Contains(name)
                && !name.StartsWith("requests.hugepages-", StringComparison.Ordinal))
                errors.Add(FieldError.Invalid(entry, name, "must be a standard resource for quota"));
            if (!Quantity.TryParse(text, out var quantity, out var error))
            {
                errors.Add(FieldError.Invalid(entry, text, error!));
                continue;
            }
            if (quantity.Sign < 0) errors.Add(FieldError.Invalid(entry, quantity.ToString(), ObjectMetaValidation.NegativeNumber));
            if (QuotaResources.IsCount(name) && quantity.MilliValue % 1000 != 0) errors.Add(FieldError.Invalid(entry, quantity.ToString(), "must be an integer"));
        }
    }
}
