namespace EventOrch.Api.Authorization.Rbac;

/// <summary>Kubernetes' RBAC authorizer behind <see cref="IRequestAuthorizer"/>: the group system:masters may do
/// everything (kube-apiserver's privileged group); anyone else is allowed when a ClusterRoleBinding, or a RoleBinding in
/// the request's namespace, grants a rule covering the request to the user, one of their groups, or their service
/// account. Every authenticated identity is in system:authenticated, whether or not its token says so.</summary>
public sealed class RbacAuthorizer(RbacPolicyCache policy) : IRequestAuthorizer
{
    public const string MastersGroup = "system:masters";
    public const string AuthenticatedGroup = "system:authenticated";

    public async ValueTask<Decision> AuthorizeAsync(RequestAttributes attributes, CancellationToken cancellationToken) =>
        await AuthorizeAsync(AccessRequest.From(attributes), cancellationToken);

    /// <summary>The decision for any request, resource or non-resource (access reviews ask both).</summary>
    public async ValueTask<Decision> AuthorizeAsync(AccessRequest request, CancellationToken cancellationToken)
    {
        if (request.Groups.Contains(MastersGroup, StringComparer.Ordinal)) return Decision.Allow();
        var snapshot = await policy.CurrentAsync(cancellationToken);
        return snapshot.Authorize(WithAuthenticated(request));
    }

    /// <summary>The user's groups with system:authenticated, which every authenticated identity belongs to.</summary>
    public static IReadOnlyList<string> GroupsOf(IReadOnlyList<string> groups) =>
        groups.Contains(AuthenticatedGroup, StringComparer.Ordinal) ? groups : [.. groups, AuthenticatedGroup];

    private static AccessRequest WithAuthenticated(AccessRequest request) => request with { Groups = GroupsOf(request.Groups) };
}
