using System.Globalization;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' LimitRange rules: one item per type (Container or Pod; PersistentVolumeClaim limits are not
/// served here), valid quantities, and min &lt;= defaultRequest &lt;= default &lt;= max for each resource.</summary>
public static class LimitRangeValidation
{
    private static readonly string[] SupportedTypes = [LimitTypes.Container, LimitTypes.Pod];

    public static IReadOnlyList<FieldError> ValidateCreate(LimitRange range)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(range.Metadata, requiresNamespace: true, NameValidation.NameIsDnsSubdomain));
        ValidateSpec(range.Spec, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(LimitRange old, LimitRange updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        ValidateSpec(updated.Spec, errors);
        return errors;
    }

    /// <summary>Kubernetes' defaults of a Container item: default from max, defaultRequest from default, then from min.</summary>
    public static LimitRangeItem WithDefaults(LimitRangeItem item)
    {
        if (item.Type != LimitTypes.Container) return item;
        var limits = new Dictionary<string, string>(item.Default ?? [], StringComparer.Ordinal);
        foreach (var (name, value) in item.Max ?? []) limits.TryAdd(name, value);
        var requests = new Dictionary<string, string>(item.DefaultRequest ?? [], StringComparer.Ordinal);
        foreach (var (name, value) in limits) requests.TryAdd(name, value);
        foreach (var (name, value) in item.Min ?? []) requests.TryAdd(name, value);
        return item with { Default = limits.Count == 0 ? null : limits, DefaultRequest = requests.Count == 0 ? null : requests };
    }

    private static void ValidateSpec(LimitRangeSpec spec, List<FieldError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var limitsPath = FieldPath.Root("spec").Child("limits");
        foreach (var (item, i) in spec.Limits.Select((item, i) => (item, i)))
        {
            var path = limitsPath.Index(i);
            if (!SupportedTypes.Contains(item.Type)) errors.Add(FieldError.NotSupported(path.Child("type"), item.Type, SupportedTypes));
            else if (!seen.Add(item.Type)) errors.Add(FieldError.Duplicate(path.Child("type"), item.Type));
            var max = Parsed(item.Max, path.Child("max"), errors);
            var min = Parsed(item.Min, path.Child("min"), errors);
            var limit = Parsed(item.Default, path.Child("default"), errors);
            var request = Parsed(item.DefaultRequest, path.Child("defaultRequest"), errors);
            var ratio = Parsed(item.MaxLimitRequestRatio, path.Child("maxLimitRequestRatio"), errors);
            if (item.Type == LimitTypes.Pod)
            {
                if (item.Default is { Count: > 0 }) errors.Add(FieldError.Forbidden(path.Child("default"), "may not be specified when `type` is 'Pod'"));
                if (item.DefaultRequest is { Count: > 0 }) errors.Add(FieldError.Forbidden(path.Child("defaultRequest"), "may not be specified when `type` is 'Pod'"));
            }
            foreach (var name in min.Keys.Concat(max.Keys).Concat(limit.Keys).Concat(request.Keys).Distinct().Order(StringComparer.Ordinal))
            {
                var (hasMin, hasMax, hasLimit, hasRequest) = (min.TryGetValue(name, out var mn), max.TryGetValue(name, out var mx),
                    limit.TryGetValue(name, out var df), request.TryGetValue(name, out var dr));
                if (hasMin && hasMax && mn > mx) errors.Add(Invalid(path.Child("min").Key(name), mn, $"min value {mn} is greater than max value {mx}"));
                if (hasRequest && hasMin && mn > dr) errors.Add(Invalid(path.Child("defaultRequest").Key(name), dr, $"min value {mn} is greater than default request value {dr}"));
                if (hasRequest && hasMax && dr > mx) errors.Add(Invalid(path.Child("defaultRequest").Key(name), dr, $"default request value {dr} is greater than max value {mx}"));
                if (hasRequest && hasLimit && dr > df) errors.Add(Invalid(path.Child("defaultRequest").Key(name), dr, $"default request value {dr} is greater than default limit value {df}"));
                if (hasLimit && hasMin && mn > df) errors.Add(Invalid(path.Child("default").Key(name), df, $"min value {mn} is greater than default value {df}"));
                if (hasLimit && hasMax && df > mx) errors.Add(Invalid(path.Child("default").Key(name), df, $"default value {df} is greater than max value {mx}"));
            }
            foreach (var (name, r) in ratio.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var entry = path.Child("maxLimitRequestRatio").Key(name);
                if (r.Value < 1) errors.Add(Invalid(entry, r, $"ratio {r} is less than 1"));
                if (min.TryGetValue(name, out var mn) && max.TryGetValue(name, out var mx) && mn.Value > 0 && r.Value > mx.Value / mn.Value)
                    errors.Add(Invalid(entry, r, $"ratio {r} is greater than max/min = {(mx.Value / mn.Value).ToString("F6", CultureInfo.InvariantCulture)}"));
            }
        }
    }

    private static FieldError Invalid(string field, Quantity value, string detail) => FieldError.Invalid(field, value.ToString(), detail);

    private static Dictionary<string, Quantity> Parsed(Dictionary<string, string>? list, FieldPath path, List<FieldError> errors)
    {
        var parsed = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var (name, text) in (list ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var entry = path.Key(name);
            var nameErrors = NameValidation.IsQualifiedName(name);
            foreach (var message in nameErrors) errors.Add(FieldError.Invalid(entry, name, message));
            if (nameErrors.Count == 0 && !name.Contains('/') && !ResourceValidation.IsStandardContainerResourceName(name) && name != "storage")
                errors.Add(FieldError.Invalid(entry, name, "must be a standard limit type or fully qualified"));
            if (!Quantity.TryParse(text, out var quantity, out var error))
            {
                errors.Add(FieldError.Invalid(entry, text, error!));
                continue;
            }
            if (quantity.Sign < 0) errors.Add(FieldError.Invalid(entry, quantity.ToString(), ObjectMetaValidation.NegativeNumber));
            parsed[name] = quantity;
        }
        return parsed;
    }
}
