using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' ServiceAccount rules: a DNS-subdomain name in a namespace; the secrets and imagePullSecrets it
/// names need names.</summary>
public static class ServiceAccountValidation
{
    public static IReadOnlyList<FieldError> ValidateCreate(ServiceAccount account)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(account.Metadata, requiresNamespace: true, NameValidation.NameIsDnsSubdomain));
        ValidateReferences(account, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(ServiceAccount old, ServiceAccount updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        ValidateReferences(updated, errors);
        return errors;
    }

    private static void ValidateReferences(ServiceAccount account, List<FieldError> errors)
    {
        for (var i = 0; i < (account.Secrets?.Count ?? 0); i++)
        {
            if (string.IsNullOrEmpty(account.Secrets![i].Name)) errors.Add(FieldError.Required(FieldPath.Root("secrets").Index(i).Child("name")));
        }
        for (var i = 0; i < (account.ImagePullSecrets?.Count ?? 0); i++)
        {
            if (string.IsNullOrEmpty(account.ImagePullSecrets![i].Name))
                errors.Add(FieldError.Required(FieldPath.Root("imagePullSecrets").Index(i).Child("name")));
        }
    }
}
