using System.Text.Encodings.Web;
using EventOrch.Api.Requests;
using EventOrch.Api.ServiceAccounts;
using EventOrch.Contracts.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Authentication;

/// <summary>Authenticates "Authorization: Bearer TOKEN": a token of the token file, or a ServiceAccount token this Api
/// signed (a JWT) whose account (and bound pod) still exist; a missing, unknown, expired or revoked token is answered
/// with a Kubernetes 401 Status.</summary>
public sealed partial class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenFile tokens,
    ServiceAccountTokens serviceAccountTokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        var identity = tokens.Find(token);
        if (identity is null && serviceAccountTokens.Enabled && ServiceAccountTokens.LooksLikeJwt(token))
        {
            var verdict = await serviceAccountTokens.ReviewAsync(token, Context.RequestAborted);
            if (verdict.Subject is { } subject)
            {
                identity = Identity.Authenticated(subject.User, subject.Uid.ToString(),
                    [ServiceAccountNames.AllGroup, ServiceAccountNames.NamespaceGroup(subject.Namespace)]);
            }
            else LogServiceAccountTokenRefused(Logger, verdict.Refusal!);
        }
        return identity is null
            ? AuthenticateResult.Fail("invalid bearer token")
            : AuthenticateResult.Success(new AuthenticationTicket(identity.ToPrincipal(SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        KubeResults.Error(ApiErrors.Unauthorized()).ExecuteAsync(Context);

    [LoggerMessage(EventId = 122, Level = LogLevel.Debug, Message = "A ServiceAccount token was refused: {Reason}")]
    private static partial void LogServiceAccountTokenRefused(ILogger logger, string reason);
}
