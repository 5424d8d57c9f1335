using EventOrch.Contracts.Kinds;

namespace EventOrch.Api.Authorization;

/// <summary>What a request wants to do, in the terms Kubernetes authorizers use.</summary>
/// <param name="Verb">get, list, create, update, patch, delete.</param>
public sealed record RequestAttributes(string User, IReadOnlyList<string> Groups, string Verb, ResourceKind Kind,
    string? Subresource, string? Namespace, string? Name);

/// <summary>A decision: allowed, or denied with a reason.</summary>
public readonly record struct Decision(bool Allowed, string? Reason = null)
{
    public static Decision Allow() => new(true);
    public static Decision Deny(string reason) => new(false, reason);
}

/// <summary>The authorisation seam: every resource request passes through it after authentication.</summary>
public interface IRequestAuthorizer
{
    ValueTask<Decision> AuthorizeAsync(RequestAttributes attributes, CancellationToken cancellationToken);
}

/// <summary>Until RBAC arrives, every authenticated identity may do everything.</summary>
public sealed class AllowAuthenticated : IRequestAuthorizer
{
    public ValueTask<Decision> AuthorizeAsync(RequestAttributes attributes, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Decision.Allow());
}
