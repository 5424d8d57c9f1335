using System.Security.Claims;
using EventOrch.Api.Authorization.Rbac;
using EventOrch.Api.Discovery;
using EventOrch.Api.Endpoints;
using EventOrch.Api.Requests;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Api.Authorization.Reviews;

/// <summary>authorization.k8s.io/v1: SelfSubjectAccessReview (<c>kubectl auth can-i</c>), SelfSubjectRulesReview
/// (<c>kubectl auth can-i --list</c>) and SubjectAccessReview (the same question about another user). Each is created,
/// answered from the RBAC policy, and never stored.</summary>
public static class AccessReviewEndpoints
{
    public static IEndpointRouteBuilder MapAccessReviews(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ResourceKind.SelfSubjectAccessReview.PathPrefix).RequireAuthorization().WithTags("authorization");
        group.MapPost($"/{ResourceKind.SelfSubjectAccessReview.Plural}", SelfAccessAsync);
        group.MapPost($"/{ResourceKind.SelfSubjectRulesReview.Plural}", SelfRulesAsync);
        group.MapPost($"/{ResourceKind.SubjectAccessReview.Plural}", SubjectAccessAsync);
        ServedVerb create = new(Verbs.Create, [QueryParameters.FieldValidation]);
        app.ServedResources()
            .Resource<SelfSubjectAccessReview>(ResourceKind.SelfSubjectAccessReview, create)
            .Resource<SelfSubjectRulesReview>(ResourceKind.SelfSubjectRulesReview, create)
            .Resource<SubjectAccessReview>(ResourceKind.SubjectAccessReview, create);
        return app;
    }

    private static IReadOnlyList<string> Groups(HttpContext http) => [.. http.User.FindAll(ClaimTypes.Role).Select(c => c.Value)];

    private static async Task<IResult> SelfAccessAsync(HttpContext http, RbacAuthorizer authorizer, string? fieldValidation)
    {
        var kind = ResourceKind.SelfSubjectAccessReview;
        if (await http.AuthorizeAsync("create", kind, null, null) is { } denied) return KubeResults.Error(denied);
        var body = await RequestBody.ReadObjectAsync<SelfSubjectAccessReview>(http.Request, kind, fieldValidation, null, http.RequestAborted);
        if (!body.IsSuccess) return KubeResults.Error(body.Error!);
        var review = body.Value!;
        if (AccessReviewValidation.Validate(review.Spec.ResourceAttributes, review.Spec.NonResourceAttributes) is { Count: > 0 } errors)
            return KubeResults.Error(ApiErrors.Invalid(kind, review.Metadata.Name ?? "", errors));
        var request = AccessReviewValidation.Request(http.UserName(), Groups(http), review.Spec.ResourceAttributes, review.Spec.NonResourceAttributes);
        var status = await ReviewAsync(authorizer, request, http.RequestAborted);
        return KubeResults.Object(review with { ApiVersion = kind.ApiVersion, Kind = kind.Kind, Status = status }, 201);
    }

    private static async Task<IResult> SubjectAccessAsync(HttpContext http, RbacAuthorizer authorizer, string? fieldValidation)
    {
        var kind = ResourceKind.SubjectAccessReview;
        if (await http.AuthorizeAsync("create", kind, null, null) is { } denied) return KubeResults.Error(denied);
        var body = await RequestBody.ReadObjectAsync<SubjectAccessReview>(http.Request, kind, fieldValidation, null, http.RequestAborted);
        if (!body.IsSuccess) return KubeResults.Error(body.Error!);
        var review = body.Value!;
        var spec = review.Spec;
        var errors = new List<Contracts.Validation.FieldError>(AccessReviewValidation.Validate(spec.ResourceAttributes, spec.NonResourceAttributes));
        if (string.IsNullOrEmpty(spec.User) && (spec.Groups?.Count ?? 0) == 0)
            errors.Add(Contracts.Validation.FieldError.Invalid("spec.user", spec.User ?? "", "at least one of user or group must be specified"));
        if (errors.Count > 0) return KubeResults.Error(ApiErrors.Invalid(kind, review.Metadata.Name ?? "", errors));
        var request = AccessReviewValidation.Request(spec.User ?? "", spec.Groups ?? [], spec.ResourceAttributes, spec.NonResourceAttributes);
        var status = await ReviewAsync(authorizer, request, http.RequestAborted);
        return KubeResults.Object(review with { ApiVersion = kind.ApiVersion, Kind = kind.Kind, Status = status }, 201);
    }

    private static async Task<IResult> SelfRulesAsync(HttpContext http, RbacAuthorizer authorizer, RbacPolicyCache policy, string? fieldValidation)
    {
        var kind = ResourceKind.SelfSubjectRulesReview;
        if (await http.AuthorizeAsync("create", kind, null, null) is { } denied) return KubeResults.Error(denied);
        var body = await RequestBody.ReadObjectAsync<SelfSubjectRulesReview>(http.Request, kind, fieldValidation, null, http.RequestAborted);
        if (!body.IsSuccess) return KubeResults.Error(body.Error!);
        var review = body.Value!;
        var snapshot = await policy.CurrentAsync(http.RequestAborted);
        var status = RulesReview.For(snapshot, http.UserName(), RbacAuthorizer.GroupsOf(Groups(http)), review.Spec.Namespace ?? "");
        return KubeResults.Object(review with { ApiVersion = kind.ApiVersion, Kind = kind.Kind, Status = status }, 201);
    }

    private static async Task<SubjectAccessReviewStatus> ReviewAsync(RbacAuthorizer authorizer, AccessRequest request, CancellationToken cancellationToken)
    {
        var decision = await authorizer.AuthorizeAsync(request, cancellationToken);
        return new SubjectAccessReviewStatus { Allowed = decision.Allowed, Reason = string.IsNullOrEmpty(decision.Reason) ? null : decision.Reason };
    }
}
