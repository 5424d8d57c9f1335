using System.Text.Json.Nodes;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Requests;

/// <summary>meta/v1 DeleteOptions, as a DELETE sends them (body and query parameters) or an eviction carries them, made
/// into the options the store deletes with.</summary>
public static class DeleteOptionsReader
{
    /// <summary>A DELETE's options: its body when it has one, with gracePeriodSeconds, propagationPolicy and
    /// orphanDependents also taken from the query (the body's gracePeriodSeconds and orphanDependents win, the query's
    /// propagationPolicy wins). Null when it sets none of them.</summary>
    public static async Task<ApiResult<DeleteOptions?>> ReadAsync(HttpRequest request, string? gracePeriodQuery, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, gracePeriodQuery, cancellationToken);
        return body.IsSuccess ? ToDeleteOptions(body.Value, "") : body.Error!;
    }

    /// <summary>Options as a body gives them; <paramref name="path"/> prefixes the fields a Status names (an eviction's
    /// are under <c>deleteOptions.</c>).</summary>
    public static ApiResult<DeleteOptions?> ToDeleteOptions(DeleteOptionsBody? body, string path)
    {
        if (body is null) return new ApiResult<DeleteOptions?>(null, null);
        if (body.GracePeriodSeconds is < 0)
            return ApiErrors.BadRequest("gracePeriodSeconds must be a non-negative integer", path + "gracePeriodSeconds");
        var policy = DeletePropagation.Choose(body.PropagationPolicy, body.OrphanDependents);
        if (!policy.IsSuccess) return policy.Error!;
        return new DeleteOptions(body.Preconditions?.Uid, body.Preconditions?.ResourceVersion, body.GracePeriodSeconds, policy.Value);
    }

    // The DELETE's body, read by hand so a mistyped field is refused by name, with what the query adds; null when
    // neither sets anything.
    private static async Task<ApiResult<DeleteOptionsBody?>> ReadBodyAsync(HttpRequest request, string? gracePeriodQuery, CancellationToken cancellationToken)
    {
        long? grace = null;
        if (!string.IsNullOrEmpty(gracePeriodQuery))
        {
            if (!long.TryParse(gracePeriodQuery, out var parsed) || parsed < 0)
                return ApiErrors.BadRequest($"gracePeriodSeconds must be a non-negative integer, not \"{gracePeriodQuery}\"", "gracePeriodSeconds");
            grace = parsed;
        }
        JsonNode? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var read = await RequestBody.ReadAsync(request, RequestBody.ObjectMediaTypes, cancellationToken);
            if (!read.IsSuccess) return read.Error!;
            body = read.Value;
        }
        if (body?["gracePeriodSeconds"] is JsonValue value)
        {
            if (!value.TryGetValue<long>(out var fromBody) || fromBody < 0)
                return ApiErrors.BadRequest("gracePeriodSeconds must be a non-negative integer", "gracePeriodSeconds");
            grace = fromBody;
        }
        var policy = request.Query["propagationPolicy"].FirstOrDefault() ?? body?["propagationPolicy"]?.ToString();
        bool? orphanDependents = null;
        if (body?["orphanDependents"] is { } orphanNode)
        {
            if (orphanNode is not JsonValue orphanValue || !orphanValue.TryGetValue<bool>(out var orphan))
                return ApiErrors.BadRequest("orphanDependents must be a boolean", "orphanDependents");
            orphanDependents = orphan;
        }
        else if (request.Query["orphanDependents"].FirstOrDefault() is { Length: > 0 } orphanQuery)
        {
            if (!bool.TryParse(orphanQuery, out var orphan))
                return ApiErrors.BadRequest($"orphanDependents must be true or false, not \"{orphanQuery}\"", "orphanDependents");
            orphanDependents = orphan;
        }
        var preconditions = body?["preconditions"];
        if (grace is null && preconditions is null && string.IsNullOrEmpty(policy) && orphanDependents is null)
            return new ApiResult<DeleteOptionsBody?>(null, null);
        return new DeleteOptionsBody
        {
            GracePeriodSeconds = grace,
            Preconditions = preconditions is null
                ? null
                : new Preconditions { Uid = preconditions["uid"]?.ToString(), ResourceVersion = preconditions["resourceVersion"]?.ToString() },
            PropagationPolicy = policy,
            OrphanDependents = orphanDependents,
        };
    }
}
