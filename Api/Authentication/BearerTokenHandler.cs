using System.Text.Encodings.Web;
using EventOrch.Api.Requests;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Authentication;

/// <summary>Authenticates "Authorization: Bearer TOKEN" against the token file; a missing or unknown
/// token is answered with a Kubernetes 401 Status.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenFile tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var identity = tokens.Find(header["Bearer ".Length..].Trim());
        return Task.FromResult(identity is null
            ? AuthenticateResult.Fail("invalid bearer token")
            : AuthenticateResult.Success(new AuthenticationTicket(identity.ToPrincipal(SchemeName), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        KubeResults.Error(ApiErrors.Unauthorized()).ExecuteAsync(Context);
}
