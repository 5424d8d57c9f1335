using System.Globalization;
using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Audit;
using Marten;

namespace EventOrch.Api.Audit;

/// <summary>GET <c>/apis/eventorch.io/v1/audit</c>: the cluster-wide audit query, filtered by namespace, kind, name,
/// user, event type and time, paged like a list (<c>limit</c>, <c>continue</c>), answered from the audit index.</summary>
public static class AuditEndpoints
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 10_000;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet(AuditKinds.AuditPath, ListAsync).RequireAuthorization().WithTags("audit");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, AuditQueries audit, IDocumentStore store, string? @namespace, string? kind,
        string? name, string? user, string? type, string? since, string? until, string? limit, string? @continue)
    {
        if (await http.AuthorizeAsync("list", AuditResourceKinds.Audit, @namespace, null) is { } denied) return KubeResults.Error(denied);
        var request = Parse(@namespace, kind, name, user, type, since, until, limit, @continue);
        if (!request.IsSuccess) return KubeResults.Error(request.Error!);
        var (filter, after, size) = request.Value;

        long resourceVersion;
        await using (var session = store.QuerySession()) resourceVersion = await EventSequence.NewestAsync(session, http.RequestAborted);
        var page = await audit.SearchAsync(filter, after, size, http.RequestAborted);
        return KubeResults.Object(new AuditEventList
        {
            Metadata = new ListMeta
            {
                ResourceVersion = resourceVersion.ToString(CultureInfo.InvariantCulture),
                Continue = page.More ? ContinueToken.Encode(page.Items[^1].Sequence.ToString(CultureInfo.InvariantCulture), resourceVersion) : null,
            },
            Items = [.. page.Items.Select(ToEvent)],
        });
    }

    private static ApiResult<(AuditFilter Filter, long After, int Limit)> Parse(string? @namespace, string? kind, string? name, string? user,
        string? type, string? since, string? until, string? limit, string? @continue)
    {
        StoredKind? stored = null;
        if (!string.IsNullOrEmpty(kind) && (stored = Resolve(kind)) is null)
        {
            return ApiErrors.BadRequest(
                $"kind \"{kind}\" is not a kind the record holds; known kinds: {string.Join(", ", StoredKinds.All.Select(k => k.Kind.Kind))}", "kind");
        }
        if (!string.IsNullOrEmpty(type) && StoredKinds.EventType(type) is null)
            return ApiErrors.BadRequest($"type \"{type}\" is not an event type (for example PodCreated, DeploymentSpecChanged)", "type");
        if (!TryTime(since, "since", out var from, out var error) || !TryTime(until, "until", out var to, out error)) return error!;
        if (from is not null && to is not null && from >= to) return ApiErrors.BadRequest("since must be before until", "until");
        var size = DefaultLimit;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
            return ApiErrors.BadRequest($"limit must be a whole number from 1 to {MaxLimit}", "limit");
        long after = 0;
        if (!string.IsNullOrEmpty(@continue)
            && (!ContinueToken.TryDecode(@continue, out var key) || !long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
            return ApiErrors.BadRequest("continue key is not valid: the token is malformed", "continue");
        var filter = new AuditFilter(Empty(@namespace), stored?.Kind.Kind, Empty(name), Empty(user), Empty(type), from, to);
        return (filter, after, size);
    }

    /// <summary>A kind by its name, resource, singular or short name, in any case (<c>Deployment</c>, <c>deployments</c>,
    /// <c>deploy</c>).</summary>
    public static StoredKind? Resolve(string kind) => StoredKinds.All.FirstOrDefault(k =>
        string.Equals(k.Kind.Kind, kind, StringComparison.OrdinalIgnoreCase)
        || string.Equals(k.Kind.Plural, kind, StringComparison.OrdinalIgnoreCase)
        || k.Kind.ShortNames.Contains(kind, StringComparer.OrdinalIgnoreCase));

    /// <summary>An optional RFC 3339 time parameter, or the 400 naming it.</summary>
    internal static bool TryTime(string? text, string field, out DateTimeOffset? time, out Status? error)
    {
        time = null;
        error = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (Rfc3339.TryParse(text, out var parsed))
        {
            time = parsed;
            return true;
        }
        error = ApiErrors.BadRequest($"{field} \"{text}\" is not an RFC 3339 time (for example 2026-11-24T10:00:00Z)", field);
        return false;
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static AuditEvent ToEvent(AuditEntry e) => new()
    {
        ResourceVersion = e.Sequence.ToString(CultureInfo.InvariantCulture),
        Time = e.Timestamp,
        Type = e.EventType,
        User = e.User,
        Object = HistoryReader.Reference(StoredKinds.Named(e.Kind)!.Kind, e.Namespace, e.Name, e.Uid),
        StreamVersion = e.Version,
        EventId = e.EventId.ToString(),
        CorrelationId = e.CorrelationId,
        CausationId = e.CausationId,
    };
}
