using System.Globalization;
using EventOrch.Api.Requests;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Watch;

/// <summary>A watch as its query string asks for it (Kubernetes' ListOptions with watch=true).</summary>
/// <param name="ResourceVersion">The resourceVersion asked for; 0 when it was unset or "0".</param>
/// <param name="Consistent">True when resourceVersion was unset: the watch starts no earlier than the store's newest
/// event when the request arrived (a consistent read); "0" starts from whatever the cache holds.</param>
/// <param name="InitialEvents">Whether the watch first sends every current object as ADDED: by default when the
/// resourceVersion is unset or "0" (the legacy behaviour), or as sendInitialEvents says.</param>
/// <param name="Timeout">timeoutSeconds; null when unset or 0 (the server then picks one).</param>
public sealed record WatchRequest(
    LabelSelector Labels,
    FieldSelector Fields,
    long ResourceVersion,
    bool Consistent,
    bool InitialEvents,
    bool AllowBookmarks,
    TimeSpan? Timeout)
{
    // Timers run up to about 49 days; a longer timeout is as good as none.
    private const long MaxTimeoutSeconds = 30L * 24 * 3600;

    /// <summary>Whether the initial ADDED events end with a BOOKMARK annotated k8s.io/initial-events-end.</summary>
    public bool InitialEventsEndBookmark => InitialEvents && AllowBookmarks;

    /// <summary>Reads the watch parameters; <paramref name="name"/> is the object named in a legacy
    /// /watch/.../{name} path, which selects it as fieldSelector metadata.name would.</summary>
    public static ApiResult<WatchRequest> Parse(Func<string, string?> query, Func<string, bool> isSelectable, string? name = null)
    {
        if (!LabelSelector.TryParse(query("labelSelector"), out var labels, out var labelError))
            return ApiErrors.BadRequest(labelError!, "labelSelector");
        var fieldText = query("fieldSelector");
        if (!FieldSelector.TryParse(fieldText, out var fields, out var fieldError))
            return ApiErrors.BadRequest(fieldError!, "fieldSelector");
        if (fields.Requirements.FirstOrDefault(r => !isSelectable(r.Field)) is { } unsupported)
            return ApiErrors.BadRequest($"field label not supported: {unsupported.Field}", "fieldSelector");
        if (name is not null)
        {
            if (fields.TryGetExactMatch("metadata.name", out var selected) && selected != name)
                return ApiErrors.BadRequest($"fieldSelector metadata.name doesn't match requested name: {selected} != {name}", "fieldSelector");
            var named = $"metadata.name={FieldSelector.EscapeValue(name)}";
            fields = FieldSelector.Parse(string.IsNullOrEmpty(fieldText) ? named : $"{named},{fieldText}");
        }

        var resourceVersionText = query("resourceVersion") ?? "";
        long resourceVersion = 0;
        if (resourceVersionText.Length > 0 && (!long.TryParse(resourceVersionText, NumberStyles.None, CultureInfo.InvariantCulture, out resourceVersion)))
            return ApiErrors.BadRequest(
                $"resourceVersion: Invalid value: {FieldError.Quote(resourceVersionText)}: must be a resourceVersion the server returned (a non-negative integer)",
                "resourceVersion");

        if (!TryParseBool(query, "allowWatchBookmarks", out var allowBookmarks, out var error)) return error!;
        if (!TryParseBool(query, "sendInitialEvents", out var sendInitialEvents, out error)) return error!;
        TimeSpan? timeout = null;
        if (query("timeoutSeconds") is { Length: > 0 } timeoutText)
        {
            if (!long.TryParse(timeoutText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
                return ApiErrors.BadRequest($"timeoutSeconds must be a non-negative integer, not {FieldError.Quote(timeoutText)}", "timeoutSeconds");
            if (seconds > 0) timeout = TimeSpan.FromSeconds(Math.Min(seconds, MaxTimeoutSeconds));
        }

        var optionErrors = ValidateOptions(query("resourceVersionMatch") ?? "", sendInitialEvents, query("continue") ?? "");
        if (optionErrors.Count > 0) return ApiErrors.InvalidOptions(optionErrors);

        var legacyStart = resourceVersion == 0;
        return new WatchRequest(labels, fields, resourceVersion,
            Consistent: resourceVersionText.Length == 0,
            InitialEvents: sendInitialEvents ?? legacyStart,
            AllowBookmarks: allowBookmarks ?? false,
            Timeout: timeout);
    }

    /// <summary>Reads a boolean query parameter as Go's strconv.ParseBool does; null when it is absent.</summary>
    public static bool TryParseBool(Func<string, string?> query, string parameter, out bool? value, out Status? error)
    {
        value = null;
        error = null;
        var text = query(parameter);
        if (string.IsNullOrEmpty(text)) return true;
        switch (text)
        {
            case "1" or "t" or "T" or "true" or "TRUE" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "false" or "FALSE" or "False":
                value = false;
                return true;
            default:
                error = ApiErrors.BadRequest($"{parameter} must be a boolean (true or false), not {FieldError.Quote(text)}", parameter);
                return false;
        }
    }

    // Kubernetes' validateWatchOptions: sendInitialEvents goes with resourceVersionMatch=NotOlderThan, and that
    // only with sendInitialEvents.
    private static List<FieldError> ValidateOptions(string match, bool? sendInitialEvents, string @continue)
    {
        var errors = new List<FieldError>();
        if (sendInitialEvents is not null && match != "NotOlderThan")
            errors.Add(FieldError.Forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
        if (match.Length > 0)
        {
            if (sendInitialEvents is null)
                errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
            if (match != "NotOlderThan")
                errors.Add(FieldError.NotSupported("resourceVersionMatch", match, ["NotOlderThan"]));
            if (@continue.Length > 0)
                errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
        }
        return errors;
    }
}
