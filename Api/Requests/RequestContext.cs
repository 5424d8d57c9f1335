using System.Security.Claims;
using EventOrch.Api.Authorization;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Requests;

/// <summary>Per-request facts: the request id (echoed as Audit-Id), the caller, and what a controller acted on.</summary>
public static class RequestContext
{
    public const string RequestIdHeader = "X-Request-Id";
    public const string AuditIdHeader = "Audit-Id";

    /// <summary>Set by controllers to the id of the event they acted on; recorded as the causation id.</summary>
    public const string CausationIdHeader = "X-Causation-Id";

    /// <summary>Set by controllers to why they wrote (URL-encoded, at most <see cref="MaxReasonLength"/> characters); recorded with the events.</summary>
    public const string ReasonHeader = "X-EventOrch-Reason";

    public const int MaxReasonLength = 2048;

    private const string RequestIdItem = "eo.request-id";
    private const string AttributesItem = "eo.request-attributes";

    /// <summary>Gives every request an id (the caller's X-Request-Id when it sent one) and echoes it.</summary>
    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var sent = context.Request.Headers[RequestIdHeader].ToString();
        var id = sent.Length is > 0 and <= 128 ? sent : Guid.NewGuid().ToString();
        context.Items[RequestIdItem] = id;
        context.Response.Headers[AuditIdHeader] = id;
        context.Response.Headers[RequestIdHeader] = id;
        await next(context);
    });

    public static string RequestId(this HttpContext context) => context.Items[RequestIdItem] as string ?? "";

    /// <summary>What the request asked the authorizer for, once it has asked.</summary>
    public static RequestAttributes? Attributes(this HttpContext context) => context.Items[AttributesItem] as RequestAttributes;

    public static void NoteAttributes(this HttpContext context, RequestAttributes attributes) => context.Items[AttributesItem] = attributes;

    public static string UserName(this HttpContext context) => context.User.Identity?.Name ?? "system:anonymous";

    /// <summary>The caller's groups, as its authenticator gave them.</summary>
    public static IReadOnlyList<string> Groups(this HttpContext context) => context.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public static WriteContext WriteContext(this HttpContext context)
    {
        var causation = context.Request.Headers[CausationIdHeader].ToString();
        var reason = Uri.UnescapeDataString(context.Request.Headers[ReasonHeader].ToString());
        if (reason.Length > MaxReasonLength) reason = reason[..MaxReasonLength];
        return new WriteContext(context.UserName(), context.RequestId(), causation.Length > 0 ? causation : null, context.IsDryRun(),
            reason.Length > 0 ? reason : null, context.Groups());
    }

    /// <summary>Whether the request asked for a dry run (<c>dryRun=All</c>; <see cref="UseDryRunValidation"/> refuses other values).</summary>
    public static bool IsDryRun(this HttpContext context) => context.Request.Query["dryRun"].Count > 0;

    /// <summary>Refuses a <c>dryRun</c> parameter other than <c>All</c>, as Kubernetes does, before any handler runs.</summary>
    public static IApplicationBuilder UseDryRunValidation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var values = context.Request.Query["dryRun"];
        var bad = values.FirstOrDefault(v => v != "All");
        if (values.Count > 0 && bad is not null)
        {
            await KubeResults.Error(ApiErrors.BadRequest($"Invalid value: \"{bad}\": supported values: \"All\"", "dryRun")).ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    /// <summary>Asks the authorizer; a Status to answer with when the request is denied.</summary>
    public static async Task<Status?> AuthorizeAsync(this HttpContext context, string verb, ResourceKind kind,
        string? @namespace, string? name, string? subresource = null)
    {
        var authorizer = context.RequestServices.GetRequiredService<IRequestAuthorizer>();
        var attributes = new RequestAttributes(context.UserName(), context.Groups(), verb, kind, subresource, @namespace, name);
        context.NoteAttributes(attributes);
        var decision = await authorizer.AuthorizeAsync(attributes, context.RequestAborted);
        return decision.Allowed ? null : ApiErrors.Forbidden(context.UserName(), verb, kind, @namespace, decision.Reason, name, subresource);
    }
}
