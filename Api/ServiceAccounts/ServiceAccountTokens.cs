using System.Text.Json;
using EventOrch.Api.Authentication;
using EventOrch.Contracts.Model;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventOrch.Api.ServiceAccounts;

/// <summary>Signs and checks ServiceAccount tokens: RS256 JWTs with Kubernetes' claims (iss, sub
/// <c>system:serviceaccount:NS:NAME</c>, aud, exp, iat, nbf, jti, and <c>kubernetes.io</c> naming the namespace, the
/// account and the bound pod by name and uid). A token is accepted while it is signed by this key, names this issuer
/// and one of the Api's audiences, is within its life, and its account (and bound pod) with those uids still exist.</summary>
public sealed class ServiceAccountTokens(SigningKey key, ITokenSubjects subjects, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public bool Enabled => key.Key is not null;

    /// <summary>A signed token for <paramref name="account"/>, valid from now for <paramref name="lifetime"/>.</summary>
    public (string Token, DateTimeOffset Expires) Issue(ServiceAccount account, Pod? boundPod, IReadOnlyList<string> audiences, TimeSpan lifetime)
    {
        var signing = key.Key ?? throw new InvalidOperationException("no ServiceAccount signing key is configured");
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var expires = now + lifetime;
        var ns = account.Metadata.Namespace!;
        var kubernetes = new Dictionary<string, object>
        {
            ["namespace"] = ns,
            ["serviceaccount"] = new Dictionary<string, object> { ["name"] = account.Metadata.Name!, ["uid"] = account.Metadata.Uid! },
        };
        if (boundPod is not null)
            kubernetes["pod"] = new Dictionary<string, object> { ["name"] = boundPod.Metadata.Name!, ["uid"] = boundPod.Metadata.Uid! };
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.ServiceAccountIssuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = ServiceAccountNames.UserName(ns, account.Metadata.Name!),
                [JwtRegisteredClaimNames.Aud] = audiences.ToArray(),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString(),
                [ServiceAccountClaims.Kubernetes] = kubernetes,
            },
            SigningCredentials = new SigningCredentials(signing, SecurityAlgorithms.RsaSha256),
        });
        return (token, expires);
    }

    /// <summary>Whether <paramref name="token"/> could be one of ours: a JWT (three dot-separated parts).</summary>
    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;

    /// <summary>The subject of a valid token, or why it is refused.</summary>
    public async Task<TokenVerdict> ReviewAsync(string token, CancellationToken cancellationToken)
    {
        if (key.Key is not { } signing) return TokenVerdict.Refused("no ServiceAccount signing key is configured");
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = signing,
            ValidIssuer = options.Value.ServiceAccountIssuer,
            ValidAudiences = options.Value.Audiences,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            // The life is checked below against the injected clock.
            ValidateLifetime = false,
            RequireExpirationTime = true,
        });
        if (!result.IsValid) return TokenVerdict.Refused(result.Exception?.Message ?? "invalid token");
        var jwt = (JsonWebToken)result.SecurityToken;
        var now = time.GetUtcNow();
        if (jwt.ValidTo <= now.UtcDateTime) return TokenVerdict.Refused("the token has expired");
        if (jwt.ValidFrom > now.UtcDateTime.AddSeconds(60)) return TokenVerdict.Refused("the token is not valid yet");

        if (!jwt.TryGetPayloadValue<JsonElement>(ServiceAccountClaims.Kubernetes, out var claim) || claim.ValueKind != JsonValueKind.Object)
            return TokenVerdict.Refused("the token has no kubernetes.io claim");
        var ns = Text(claim, "namespace");
        var name = Text(claim, "serviceaccount", "name");
        if (ns is null || name is null || !Guid.TryParse(Text(claim, "serviceaccount", "uid"), out var uid))
            return TokenVerdict.Refused("the token's kubernetes.io claim names no service account");
        if (jwt.Subject != ServiceAccountNames.UserName(ns, name)) return TokenVerdict.Refused("the token's sub does not match its service account");

        var account = await subjects.ExistsAsync<ServiceAccount>(uid, cancellationToken);
        if (!account) return TokenVerdict.Refused($"service account {ns}/{name} ({uid}) no longer exists");
        string? podName = null;
        Guid? podUid = null;
        if (claim.TryGetProperty("pod", out _))
        {
            podName = Text(claim, "pod", "name");
            if (!Guid.TryParse(Text(claim, "pod", "uid"), out var pod)) return TokenVerdict.Refused("the token's pod claim has no uid");
            if (!await subjects.ExistsAsync<Pod>(pod, cancellationToken)) return TokenVerdict.Refused($"pod {ns}/{podName} ({pod}) no longer exists");
            podUid = pod;
        }
        return new TokenVerdict(new ServiceAccountTokenSubject(ns, name, uid, podName, podUid), null);
    }

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return null;
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
