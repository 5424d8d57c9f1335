using EventOrch.Api.Storage;
using EventOrch.Contracts.Selectors;

namespace EventOrch.Api.Requests;

/// <summary>The query of a list: selectors and a page.</summary>
public static class ListRequest
{
    /// <summary>Reads a list's labelSelector, fieldSelector, limit, continue and asOf; a malformed one is a 400 naming it
    /// (asOf is checked where it is resolved).</summary>
    public static ApiResult<ListOptions> Parse(string? labelSelector, string? fieldSelector, string? limit, string? @continue, string? asOf = null)
    {
        if (!LabelSelector.TryParse(labelSelector, out var labels, out var labelError)) return ApiErrors.BadRequest(labelError!, "labelSelector");
        if (!FieldSelector.TryParse(fieldSelector, out var fields, out var fieldError)) return ApiErrors.BadRequest(fieldError!, "fieldSelector");
        int? pageSize = null;
        if (!string.IsNullOrEmpty(limit))
        {
            if (!int.TryParse(limit, out var parsed)) return ApiErrors.BadRequest($"limit must be an integer, not \"{limit}\"", "limit");
            pageSize = parsed;
        }
        return new ListOptions(labels, fields, pageSize, @continue, string.IsNullOrEmpty(asOf) ? null : asOf);
    }
}
