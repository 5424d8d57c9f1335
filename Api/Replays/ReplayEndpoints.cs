using System.Security.Claims;
using EventOrch.Api.Discovery;
using EventOrch.Api.Requests;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventOrch.Api.Replays;

/// <summary><c>POST /apis/eventorch.io/v1/replays</c>: runs a replay and answers the Replay with its report in the status
/// (201), the way Kubernetes serves its reviews: create is the only verb, and nothing is stored. The request lasts as long
/// as the replay; a caller that goes away cancels it, and its schema is dropped.</summary>
public static class ReplayEndpoints
{
    /// <summary>The group whose members may run a replay: Kubernetes' cluster administrators.</summary>
    public const string AdministratorsGroup = "system:masters";

    private static readonly ResourceKind Kind = ResourceKind.Replay;

    public static IServiceCollection AddReplays(this IServiceCollection services)
    {
        services.AddOptions<ReplayOptions>().BindConfiguration(ReplayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ReplayRunner>();
        return services;
    }

    public static IEndpointRouteBuilder MapReplays(this IEndpointRouteBuilder app)
    {
        app.MapPost($"{Kind.PathPrefix}/{Kind.Plural}", CreateAsync).RequireAuthorization().WithTags(Kind.Plural);
        app.ServedResources().Resource<Replay>(Kind, new ServedVerb(Verbs.Create, [QueryParameters.FieldValidation]));
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ReplayRunner runner, string? fieldValidation)
    {
        // A replay reads every object, Secrets included, and costs a pass over the whole record: for administrators only,
        // whatever the authorizer allows for resources; the authorizer may narrow it further.
        if (!http.User.IsInRole(AdministratorsGroup))
            return KubeResults.Error(ApiErrors.Forbidden(http.UserName(), "create", Kind, null, $"replays are for cluster administrators (group {AdministratorsGroup})"));
        if (await http.AuthorizeAsync("create", Kind, null, null) is { } denied) return KubeResults.Error(denied);
        var body = await RequestBody.ReadObjectAsync<Replay>(http.Request, Kind, fieldValidation, null, http.RequestAborted);
        if (!body.IsSuccess) return KubeResults.Error(body.Error!);
        var request = body.Value!;
        if (ReplayValidation.Validate(request) is { Count: > 0 } errors)
            return KubeResults.Error(ApiErrors.Invalid(Kind, request.Metadata.Name ?? "", errors));
        var result = await runner.RunAsync(request with { ApiVersion = Kind.ApiVersion, Kind = Kind.Kind }, http.RequestAborted);
        return KubeResults.From(http, result.Error is null ? result with { Warnings = body.Warnings } : result, 201);
    }
}
