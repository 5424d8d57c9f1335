using System.Security.Claims;

namespace EventOrch.Api.Authentication;

/// <summary>Who a request comes from: a user or service account, with its groups (which always include
/// <see cref="AuthenticatedGroup"/>).</summary>
public sealed record Identity(string User, string Uid, IReadOnlyList<string> Groups)
{
    /// <summary>The group of every authenticated identity, as Kubernetes' authenticators add it.</summary>
    public const string AuthenticatedGroup = "system:authenticated";

    /// <summary>An identity whose groups are <paramref name="groups"/> and <see cref="AuthenticatedGroup"/>.</summary>
    public static Identity Authenticated(string user, string uid, IEnumerable<string> groups)
    {
        var all = groups.Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (!all.Contains(AuthenticatedGroup)) all.Add(AuthenticatedGroup);
        return new Identity(user, uid, all);
    }

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, User), new(ClaimTypes.NameIdentifier, Uid) };
        claims.AddRange(Groups.Select(g => new Claim(ClaimTypes.Role, g)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
