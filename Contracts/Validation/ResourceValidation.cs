using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' rules for a container's requests and limits.</summary>
public static class ResourceValidation
{
    private static readonly HashSet<string> StandardContainerResources = new(StringComparer.Ordinal) { "cpu", "memory", "ephemeral-storage" };

    public static IReadOnlyList<FieldError> ValidateResourceRequirements(ResourceRequirements? resources, string path)
    {
        var errors = new List<FieldError>();
        if (resources is null) return errors;
        var root = FieldPath.Root(path);
        var limitsPath = root.Child("limits");
        var requestsPath = root.Child("requests");
        var limits = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var (name, text) in resources.Limits ?? [])
        {
            if (ValidateEntry(name, text, limitsPath.Key(name), errors) is { } limit) limits[name] = limit;
        }
        foreach (var (name, text) in resources.Requests ?? [])
        {
            if (ValidateEntry(name, text, requestsPath.Key(name), errors) is not { } request) continue;
            if (limits.TryGetValue(name, out var limit))
            {
                if (request != limit && !IsOvercommitAllowed(name))
                {
                    errors.Add(FieldError.Invalid(requestsPath, request.ToString(), $"must be equal to {name} limit of {limit}"));
                }
                else if (request > limit)
                {
                    errors.Add(FieldError.Invalid(requestsPath, request.ToString(), $"must be less than or equal to {name} limit of {limit}"));
                }
            }
            else if (!IsOvercommitAllowed(name) && resources.Limits?.ContainsKey(name) != true)
            {
                errors.Add(FieldError.Required(limitsPath, "Limit must be set for non overcommitable resources"));
            }
        }
        return errors;
    }

    /// <summary>True for cpu, memory, ephemeral-storage and hugepages-*, the resources a container may name without a domain.</summary>
    public static bool IsStandardContainerResourceName(string name) =>
        StandardContainerResources.Contains(name) || name.StartsWith("hugepages-", StringComparison.Ordinal);

    // Native resources have no domain or the kubernetes.io domain; the rest are extended resources.
    private static bool IsNative(string name) => !name.Contains('/') || name.Contains("kubernetes.io/", StringComparison.Ordinal);

    private static bool IsOvercommitAllowed(string name) => IsNative(name) && !name.StartsWith("hugepages-", StringComparison.Ordinal);

    private static Quantity? ValidateEntry(string name, string text, string path, List<FieldError> errors)
    {
        var nameErrors = NameValidation.IsQualifiedName(name);
        foreach (var message in nameErrors) errors.Add(FieldError.Invalid(path, name, message));
        if (nameErrors.Count == 0 && !name.Contains('/') && !IsStandardContainerResourceName(name))
        {
            errors.Add(FieldError.Invalid(path, name, "must be a standard resource for containers"));
        }
        if (!Quantity.TryParse(text, out var quantity, out var error))
        {
            errors.Add(FieldError.Invalid(path, text, error!));
            return null;
        }
        if (quantity.Sign < 0) errors.Add(FieldError.Invalid(path, quantity.ToString(), ObjectMetaValidation.NegativeNumber));
        if (!IsNative(name) && quantity.MilliValue % 1000 != 0) errors.Add(FieldError.Invalid(path, quantity.ToString(), "must be an integer"));
        return quantity;
    }
}
