using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>The rules of a WebhookSubscription: an absolute http(s) URL without credentials or fragment, a Secret key
/// to sign with, filters that name known event types and kinds and valid namespaces and selectors, and delivery settings
/// in range. The kinds and event types the Api knows are given by the caller.</summary>
public static class WebhookSubscriptionValidation
{
    public const int MaxAttemptsLimit = 100;
    public const int TimeoutSecondsLimit = 60;

    public static IReadOnlyList<FieldError> ValidateCreate(WebhookSubscription subscription, IReadOnlyCollection<string> kinds,
        IReadOnlySet<string> eventTypes)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(subscription.Metadata, requiresNamespace: false, NameValidation.NameIsDnsSubdomain));
        errors.AddRange(ValidateSpec(subscription.Spec, FieldPath.Root("spec"), kinds, eventTypes));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(WebhookSubscription old, WebhookSubscription updated, IReadOnlyCollection<string> kinds,
        IReadOnlySet<string> eventTypes)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        errors.AddRange(ValidateSpec(updated.Spec, FieldPath.Root("spec"), kinds, eventTypes));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateSpec(WebhookSubscriptionSpec spec, FieldPath root, IReadOnlyCollection<string> kinds,
        IReadOnlySet<string> eventTypes)
    {
        var errors = new List<FieldError>();
        ValidateUrl(spec.Url, root.Child("url"), errors);
        ValidateSecretRef(spec.SecretRef, root.Child("secretRef"), errors);
        ValidateList(spec.EventTypes, root.Child("eventTypes"), errors, (value, path) =>
            eventTypes.Contains(value) ? [] : [FieldError.Invalid(path, value, "not an event type EventOrch records (see docs/events.md)")]);
        ValidateList(spec.Kinds, root.Child("kinds"), errors, (value, path) =>
            kinds.Contains(value, StringComparer.Ordinal) ? [] : [FieldError.NotSupported(path, value, kinds.Order(StringComparer.Ordinal))]);
        ValidateList(spec.Namespaces, root.Child("namespaces"), errors, (value, path) =>
            NameValidation.IsDns1123Label(value).Select(message => FieldError.Invalid(path, value, message)));
        if (spec.Selector is { } selector)
        {
            var path = root.Child("selector");
            if (!selector.TryToSelector(out _, out var error)) errors.Add(FieldError.Invalid(path, WorkloadValidation.Describe(selector), error ?? "invalid label selector"));
            else errors.AddRange(ObjectMetaValidation.ValidateLabels(selector.MatchLabels, path.Child("matchLabels")));
        }
        if (spec.MaxAttempts is { } attempts and (< 1 or > MaxAttemptsLimit))
            errors.Add(FieldError.Invalid(root.Child("maxAttempts"), attempts, NameValidation.InclusiveRangeError(1, MaxAttemptsLimit)));
        if (spec.TimeoutSeconds is { } timeout and (< 1 or > TimeoutSecondsLimit))
            errors.Add(FieldError.Invalid(root.Child("timeoutSeconds"), timeout, NameValidation.InclusiveRangeError(1, TimeoutSecondsLimit)));
        return errors;
    }

    /// <summary>Counts in a status are never negative.</summary>
    public static IReadOnlyList<FieldError> ValidateStatus(WebhookSubscriptionStatus? status) =>
        status is null
            ? []
            : [.. WorkloadValidation.ValidateStatusCounts(FieldPath.Root("status"),
                ("consecutiveFailures", status.ConsecutiveFailures), ("pending", status.Pending), ("deadLetters", status.DeadLetters))];

    private static void ValidateUrl(string? url, FieldPath path, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(url))
        {
            errors.Add(FieldError.Required(path));
            return;
        }
        // "/hook" is an absolute file: URI on Unix; the scheme check below refuses it.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) errors.Add(FieldError.Invalid(path, url, "must be an absolute URL"));
        else if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            errors.Add(FieldError.Invalid(path, url, "the URL scheme must be http or https"));
        else if (uri.Host.Length == 0) errors.Add(FieldError.Invalid(path, url, "the URL must name a host"));
        else if (uri.UserInfo.Length > 0) errors.Add(FieldError.Invalid(path, url, "user information is not permitted in the URL"));
        else if (uri.Fragment.Length > 0 || url.Contains('#')) errors.Add(FieldError.Invalid(path, url, "fragments are not permitted in the URL"));
    }

    private static void ValidateSecretRef(WebhookSecretReference? reference, FieldPath path, List<FieldError> errors)
    {
        if (reference is null)
        {
            errors.Add(FieldError.Required(path, "deliveries are signed with a key from a Secret"));
            return;
        }
        if (string.IsNullOrEmpty(reference.Namespace)) errors.Add(FieldError.Required(path.Child("namespace")));
        else errors.AddRange(NameValidation.IsDns1123Label(reference.Namespace).Select(m => FieldError.Invalid(path.Child("namespace"), reference.Namespace, m)));
        if (string.IsNullOrEmpty(reference.Name)) errors.Add(FieldError.Required(path.Child("name")));
        else errors.AddRange(NameValidation.IsDns1123Subdomain(reference.Name).Select(m => FieldError.Invalid(path.Child("name"), reference.Name, m)));
        if (reference.Key is not null)
        {
            if (reference.Key.Length == 0) errors.Add(FieldError.Required(path.Child("key")));
            else errors.AddRange(NameValidation.IsConfigMapKey(reference.Key).Select(m => FieldError.Invalid(path.Child("key"), reference.Key, m)));
        }
    }

    // Every entry non-empty, once, and valid by the rule given.
    private static void ValidateList(List<string>? values, FieldPath path, List<FieldError> errors, Func<string, FieldPath, IEnumerable<FieldError>> rule)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var value = values![i] ?? "";
            var at = path.Index(i);
            if (value.Length == 0) errors.Add(FieldError.Required(at));
            else if (!seen.Add(value)) errors.Add(FieldError.Duplicate(at, value));
            else errors.AddRange(rule(value, at));
        }
    }
}
