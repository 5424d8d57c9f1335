using EventOrch.Api.Authentication;
using EventOrch.Api.Discovery;
using EventOrch.Api.Requests;
using EventOrch.Api.ServiceAccounts;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Endpoints;

/// <summary>POST .../serviceaccounts/{name}/token (TokenRequest, authentication.k8s.io/v1): a signed token for the
/// account, for <c>spec.expirationSeconds</c> (3600 by default, at least 600), for <c>spec.audiences</c> (the Api's own
/// by default), and bound to a pod when <c>spec.boundObjectRef</c> names one (the token is then refused once the pod is
/// gone). Nothing is stored: the answer carries the token, which is never shown again.</summary>
public static class ServiceAccountTokenEndpoints
{
    public static readonly ResourceKind TokenRequestKind = new("authentication.k8s.io", "v1", "TokenRequest", "tokenrequests", Namespaced: true, []);

    public const long DefaultExpirationSeconds = 3600;
    public const long MinExpirationSeconds = 600;
    public const long MaxExpirationSeconds = 1L << 32;

    public static IEndpointRouteBuilder MapServiceAccountToken(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/namespaces/{namespace}/serviceaccounts/{name}/token", Create).RequireAuthorization().WithTags("serviceaccounts");
        app.ServedResources().Add(new ServedResource(ResourceKind.ServiceAccount, "token", GroupVersionKind.Of(TokenRequestKind), typeof(TokenRequest),
            [new ServedVerb(Verbs.Create, [QueryParameters.FieldValidation])]));
        return app;
    }

    private static async Task<IResult> Create(HttpContext http, ObjectQueries<ServiceAccount> accounts, ObjectQueries<Pod> pods,
        ServiceAccountTokens tokens, IOptions<AuthOptions> options, TimeProvider time, string @namespace, string name, string? fieldValidation)
    {
        if (await http.AuthorizeAsync("create", ResourceKind.ServiceAccount, @namespace, name, "token") is { } denied) return KubeResults.Error(denied);
        var body = await RequestBody.ReadObjectAsync<TokenRequest>(http.Request, TokenRequestKind, fieldValidation, null, http.RequestAborted);
        if (!body.IsSuccess) return KubeResults.Error(body.Error!);
        var request = body.Value!;
        if (!tokens.Enabled)
            return KubeResults.Error(ApiErrors.ServiceUnavailable("ServiceAccount tokens cannot be issued: the Api has no signing key (Auth:ServiceAccountKeyFile)"));

        var errors = Validate(request.Spec);
        if (errors.Count > 0) return KubeResults.Error(ApiErrors.Invalid(TokenRequestKind, name, errors));
        var account = await accounts.GetAsync(@namespace, name, http.RequestAborted);
        if (!account.IsSuccess) return KubeResults.Error(account.Error!);

        Pod? boundPod = null;
        if (request.Spec.BoundObjectRef is { } bound)
        {
            var pod = await pods.GetAsync(@namespace, bound.Name!, http.RequestAborted);
            if (!pod.IsSuccess) return KubeResults.Error(pod.Error!);
            boundPod = pod.Value!;
            if (!string.IsNullOrEmpty(bound.Uid) && bound.Uid != boundPod.Metadata.Uid)
                return KubeResults.Error(ApiErrors.Conflict(ResourceKind.Pod, bound.Name!,
                    $"the UID in the bound object reference ({bound.Uid}) does not match the UID in record ({boundPod.Metadata.Uid}). The object might have been deleted and then recreated"));
            if ((boundPod.Spec.ServiceAccountName ?? ServiceAccountNames.Default) != name)
                return KubeResults.Error(ApiErrors.BadRequest($"cannot bind token for serviceaccount \"{name}\" to pod running with different serviceaccount name.", "spec.boundObjectRef"));
        }

        var audiences = request.Spec.Audiences is { Count: > 0 } asked ? asked : options.Value.Audiences.ToList();
        var seconds = request.Spec.ExpirationSeconds ?? DefaultExpirationSeconds;
        var (token, expires) = tokens.Issue(account.Value!, boundPod, audiences, TimeSpan.FromSeconds(seconds));
        var answer = request with
        {
            Metadata = new ObjectMeta { Name = name, Namespace = @namespace, CreationTimestamp = time.GetUtcNow().ToWholeSeconds() },
            Spec = request.Spec with
            {
                Audiences = audiences,
                ExpirationSeconds = seconds,
                BoundObjectRef = request.Spec.BoundObjectRef is { } reference
                    ? reference with { ApiVersion = reference.ApiVersion ?? "v1", Uid = boundPod!.Metadata.Uid }
                    : null,
            },
            Status = new TokenRequestStatus { Token = token, ExpirationTimestamp = expires },
        };
        return KubeResults.From(http, new ApiResult<TokenRequest>(answer, null, body.Warnings), 201);
    }

    private static List<FieldError> Validate(TokenRequestSpec spec)
    {
        var errors = new List<FieldError>();
        if (spec.ExpirationSeconds is < MinExpirationSeconds)
            errors.Add(FieldError.Invalid("spec.expirationSeconds", spec.ExpirationSeconds.Value, "may not specify a duration less than 10 minutes"));
        if (spec.ExpirationSeconds is > MaxExpirationSeconds)
            errors.Add(FieldError.Invalid("spec.expirationSeconds", spec.ExpirationSeconds.Value, "may not specify a duration larger than 2^32 seconds"));
        for (var i = 0; i < (spec.Audiences?.Count ?? 0); i++)
        {
            if (string.IsNullOrEmpty(spec.Audiences![i])) errors.Add(FieldError.Required($"spec.audiences[{i}]", "an audience may not be empty"));
        }
        if (spec.BoundObjectRef is { } bound)
        {
            if (bound.Kind != "Pod")
                errors.Add(FieldError.NotSupported("spec.boundObjectRef.kind", bound.Kind, ["Pod"]));
            if (bound.ApiVersion is { } version && version != "v1")
                errors.Add(FieldError.NotSupported("spec.boundObjectRef.apiVersion", version, ["v1"]));
            if (string.IsNullOrEmpty(bound.Name)) errors.Add(FieldError.Required("spec.boundObjectRef.name"));
        }
        return errors;
    }
}
