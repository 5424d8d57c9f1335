using System.Security.Claims;
using EventOrch.Api.Discovery;
using EventOrch.Api.Endpoints;
using EventOrch.Api.Requests;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Authentication;

/// <summary>POST <c>/apis/authentication.k8s.io/v1/selfsubjectreviews</c> (<c>kubectl auth whoami</c>): the caller's
/// user name, uid and groups as the Api authenticated them.</summary>
public static class SelfSubjectReviewEndpoints
{
    public static IEndpointRouteBuilder MapSelfSubjectReviews(this IEndpointRouteBuilder app)
    {
        var kind = ResourceKind.SelfSubjectReview;
        app.MapPost($"{kind.PathPrefix}/{kind.Plural}", CreateAsync).RequireAuthorization().WithTags("authentication");
        app.ServedResources().Resource<SelfSubjectReview>(kind, new ServedVerb(Verbs.Create, [QueryParameters.FieldValidation]));
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, string? fieldValidation)
    {
        var kind = ResourceKind.SelfSubjectReview;
        if (await http.AuthorizeAsync("create", kind, null, null) is { } denied) return KubeResults.Error(denied);
        var body = await RequestBody.ReadObjectAsync<SelfSubjectReview>(http.Request, kind, fieldValidation, null, http.RequestAborted);
        if (!body.IsSuccess) return KubeResults.Error(body.Error!);
        var userInfo = new UserInfo
        {
            Username = http.UserName(),
            Uid = http.User.FindFirst(ClaimTypes.NameIdentifier)?.Value,
            Groups = [.. http.User.FindAll(ClaimTypes.Role).Select(c => c.Value)],
        };
        return KubeResults.Object(body.Value! with
        {
            ApiVersion = kind.ApiVersion,
            Kind = kind.Kind,
            Status = new SelfSubjectReviewStatus { UserInfo = userInfo },
        }, 201);
    }
}
