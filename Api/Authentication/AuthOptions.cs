using System.ComponentModel.DataAnnotations;

namespace EventOrch.Api.Authentication;

/// <summary>Authentication settings (configuration section "Auth").</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>A static token file, one "token,user,uid,\"group1,group2\"[,expires]" line per token (Kubernetes' format
    /// and an optional RFC 3339 expiry; the token may be stored as "sha256:HEX").</summary>
    [Required] public string TokenFile { get; set; } = "";

    /// <summary>The RSA private key (PEM) that signs ServiceAccount tokens and checks them; without it the token
    /// subresource answers 503 and no ServiceAccount token authenticates.</summary>
    public string? ServiceAccountKeyFile { get; set; }

    /// <summary>The iss claim of the ServiceAccount tokens this Api issues, and the only one it accepts.</summary>
    public string ServiceAccountIssuer { get; set; } = "https://kubernetes.default.svc.cluster.local";

    /// <summary>The audiences the Api accepts in a ServiceAccount token (a token must name one), and the audiences a
    /// TokenRequest without spec.audiences gets; empty: the issuer alone.</summary>
    public List<string> ServiceAccountAudiences { get; set; } = [];

    /// <summary>How long the Api trusts that a token's ServiceAccount (and bound pod) still exists before it looks again.
    /// A delete through this Api instance takes effect at once; one through another instance within this time.</summary>
    public TimeSpan ServiceAccountLookupCache { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> Audiences => ServiceAccountAudiences.Count > 0 ? ServiceAccountAudiences : [ServiceAccountIssuer];
}
