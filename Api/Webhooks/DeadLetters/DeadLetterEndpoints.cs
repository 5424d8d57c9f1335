using System.Globalization;
using EventOrch.Api.Discovery;
using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Api.Webhooks.Delivery;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Webhooks.DeadLetters;

/// <summary>A WebhookSubscription's dead letters: GET .../webhooksubscriptions/{name}/deadletters lists them in event order
/// (paged with limit and continue), POST .../webhooksubscriptions/{name}/redeliver puts them (all, or those named by
/// delivery id) back in the subscription's queue with their attempts counted from zero.</summary>
public static class DeadLetterEndpoints
{
    public static readonly ResourceKind DeadLetterList = new("eventorch.io", "v1", "WebhookDeadLetterList", "deadletters", Namespaced: false, []);
    public static readonly ResourceKind Redelivery = new("eventorch.io", "v1", "WebhookRedelivery", "redeliver", Namespaced: false, []);

    public static IEndpointRouteBuilder MapWebhookDeadLetters(this IEndpointRouteBuilder app)
    {
        var kind = ResourceKind.WebhookSubscription;
        var item = $"{kind.PathPrefix}/{kind.Plural}/{{name}}";
        var group = app.MapGroup("").RequireAuthorization().WithTags(kind.Plural);
        group.MapGet($"{item}/deadletters", ListAsync);
        group.MapPost($"{item}/redeliver", RedeliverAsync);
        app.ServedResources()
            .Subresource<WebhookDeadLetterList>(kind, "deadletters", DeadLetterList, new ServedVerb(Verbs.Get, [QueryParameters.Limit, QueryParameters.Continue]))
            .Subresource<WebhookRedelivery>(kind, "redeliver", Redelivery, new ServedVerb(Verbs.Create, QueryParameters.Write));
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ObjectQueries<WebhookSubscription> subscriptions, DeliveryQueue queue,
        string name, string? limit, string? @continue)
    {
        if (await http.AuthorizeAsync("get", ResourceKind.WebhookSubscription, null, name, "deadletters") is { } denied) return KubeResults.Error(denied);
        var subscription = await subscriptions.GetAsync("", name, http.RequestAborted);
        if (!subscription.IsSuccess) return KubeResults.Error(subscription.Error!);
        var pageSize = int.MaxValue;
        if (!string.IsNullOrEmpty(limit))
        {
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize))
                return KubeResults.Error(ApiErrors.BadRequest($"limit must be a non-negative integer, not \"{limit}\"", "limit"));
            if (pageSize == 0) pageSize = int.MaxValue;
        }
        var (afterSequence, afterId) = (0L, Guid.Empty);
        if (!string.IsNullOrEmpty(@continue) && !TryReadContinue(@continue, out afterSequence, out afterId))
            return KubeResults.Error(ApiErrors.BadRequest("continue key is not valid: the token is malformed", "continue"));

        var uid = Guid.Parse(subscription.Value!.Metadata.Uid!);
        var (items, more) = await queue.DeadLettersAsync(uid, afterSequence, afterId, pageSize, http.RequestAborted);
        return KubeResults.Object(new WebhookDeadLetterList
        {
            Metadata = new ListMeta
            {
                ResourceVersion = subscription.Value.Metadata.ResourceVersion,
                Continue = more ? ContinueToken.Encode($"{items[^1].Sequence.ToString(CultureInfo.InvariantCulture)}/{items[^1].Id}", 0) : null,
            },
            Items = items,
        });
    }

    private static async Task<IResult> RedeliverAsync(HttpContext http, ObjectQueries<WebhookSubscription> subscriptions, DeliveryQueue queue,
        TimeProvider time, string name, string? fieldValidation)
    {
        if (await http.AuthorizeAsync("create", ResourceKind.WebhookSubscription, null, name, "redeliver") is { } denied) return KubeResults.Error(denied);
        var request = new WebhookRedelivery();
        IReadOnlyList<string>? warnings = null;
        // No body asks for every dead letter.
        if (http.Request.ContentLength is not 0 && (http.Request.ContentLength is not null || http.Request.Headers.TransferEncoding.Count > 0))
        {
            var body = await RequestBody.ReadObjectAsync<WebhookRedelivery>(http.Request, Redelivery, fieldValidation, null, http.RequestAborted);
            if (!body.IsSuccess) return KubeResults.Error(body.Error!);
            (request, warnings) = (body.Value!, body.Warnings);
        }
        if (request.Metadata.Name is { Length: > 0 } bodyName && bodyName != name)
            return KubeResults.Error(ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})", "metadata.name"));
        var subscription = await subscriptions.GetAsync("", name, http.RequestAborted);
        if (!subscription.IsSuccess) return KubeResults.Error(subscription.Error!);
        var uid = Guid.Parse(subscription.Value!.Metadata.Uid!);

        List<Guid>? ids = null;
        var errors = new List<FieldError>();
        if (request.DeliveryIds is { } given)
        {
            ids = [];
            for (var i = 0; i < given.Count; i++)
            {
                if (Guid.TryParse(given[i], out var id)) ids.Add(id);
                else errors.Add(FieldError.Invalid($"deliveryIds[{i}]", given[i], "must be a delivery id (a UUID)"));
            }
            if (errors.Count == 0)
            {
                var missing = await queue.MissingDeadLettersAsync(uid, ids, http.RequestAborted);
                for (var i = 0; i < ids.Count; i++)
                    if (missing.Contains(ids[i])) errors.Add(FieldError.NotFound($"deliveryIds[{i}]", given[i]));
            }
        }
        if (errors.Count > 0) return KubeResults.Error(ApiErrors.Invalid(Redelivery, name, errors));

        IReadOnlyList<Guid> redelivered;
        if (http.IsDryRun())
        {
            var (dead, _) = await queue.DeadLettersAsync(uid, 0, Guid.Empty, int.MaxValue, http.RequestAborted);
            redelivered = [.. dead.Select(d => Guid.Parse(d.Id)).Where(id => ids is null || ids.Contains(id))];
        }
        else redelivered = await queue.RedeliverAsync(uid, ids, time.GetUtcNow(), http.RequestAborted);
        var answer = request with
        {
            Metadata = new ObjectMeta { Name = name, Uid = subscription.Value.Metadata.Uid },
            Status = new WebhookRedeliveryStatus { Redelivered = [.. redelivered.Select(id => id.ToString())] },
        };
        return KubeResults.From(http, new ApiResult<WebhookRedelivery>(answer, null, warnings), 201);
    }

    private static bool TryReadContinue(string token, out long sequence, out Guid id)
    {
        sequence = 0;
        id = Guid.Empty;
        if (!ContinueToken.TryDecode(token, out var after)) return false;
        var slash = after.IndexOf('/');
        return slash > 0
            && long.TryParse(after.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && Guid.TryParse(after.AsSpan(slash + 1), out id);
    }
}
