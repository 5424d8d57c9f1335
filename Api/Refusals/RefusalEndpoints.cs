using System.Globalization;
using EventOrch.Api.Audit;
using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Audit;

namespace EventOrch.Api.Refusals;

/// <summary>GET <c>/apis/eventorch.io/v1/refusals</c>: refused requests, oldest first, filtered by user, namespace, code
/// and time, paged like a list (<c>limit</c>, <c>continue</c>).</summary>
public static class RefusalEndpoints
{
    /// <summary>The log of refusals, for authorization (verb list; a namespace filter is authorised in that namespace).</summary>
    public static readonly ResourceKind Refusals = new(AuditKinds.Group, AuditKinds.Version, "Refusal", "refusals", Namespaced: true, []);

    public static IEndpointRouteBuilder MapRefusals(this IEndpointRouteBuilder app)
    {
        app.MapGet(AuditKinds.RefusalsPath, ListAsync).RequireAuthorization().WithTags("audit");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, RefusalStore refusals, string? user, string? @namespace, string? code,
        string? since, string? until, string? limit, string? @continue)
    {
        if (await http.AuthorizeAsync("list", Refusals, Empty(@namespace), null) is { } denied) return KubeResults.Error(denied);
        var request = Parse(user, @namespace, code, since, until, limit, @continue);
        if (!request.IsSuccess) return KubeResults.Error(request.Error!);
        var (filter, after, size) = request.Value;
        var (items, more) = await refusals.SearchAsync(filter, after, size, http.RequestAborted);
        return KubeResults.Object(new RefusalList
        {
            Metadata = new ListMeta { Continue = more ? ContinueToken.Encode(items[^1].Id.ToString(CultureInfo.InvariantCulture), 0) : null },
            Items = [.. items],
        });
    }

    private static ApiResult<(RefusalFilter Filter, long After, int Limit)> Parse(string? user, string? @namespace, string? code,
        string? since, string? until, string? limit, string? @continue)
    {
        int? status = null;
        if (!string.IsNullOrEmpty(code))
        {
            if (!int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is not (401 or 403 or 429))
                return ApiErrors.BadRequest($"code \"{code}\" is not a refusal's code: 401, 403 or 429", "code");
            status = parsed;
        }
        if (!AuditEndpoints.TryTime(since, "since", out var from, out var error) || !AuditEndpoints.TryTime(until, "until", out var to, out error))
            return error!;
        if (from is not null && to is not null && from >= to) return ApiErrors.BadRequest("since must be before until", "until");
        var size = AuditEndpoints.DefaultLimit;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > AuditEndpoints.MaxLimit))
            return ApiErrors.BadRequest($"limit must be a whole number from 1 to {AuditEndpoints.MaxLimit}", "limit");
        long after = 0;
        if (!string.IsNullOrEmpty(@continue)
            && (!ContinueToken.TryDecode(@continue, out var key) || !long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
            return ApiErrors.BadRequest("continue key is not valid: the token is malformed", "continue");
        return (new RefusalFilter(Empty(user), Empty(@namespace), status, from, to), after, size);
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
