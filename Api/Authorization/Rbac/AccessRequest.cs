namespace EventOrch.Api.Authorization.Rbac;

/// <summary>What RBAC decides on, as Kubernetes' authorizer.Attributes: a resource request (API group, resource,
/// subresource, namespace, name) or, when <see cref="Path"/> is set, a non-resource one.</summary>
public sealed record AccessRequest(string User, IReadOnlyList<string> Groups, string Verb, string ApiGroup, string Resource,
    string Subresource = "", string Namespace = "", string Name = "", string? Path = null)
{
    public bool IsResourceRequest => Path is null;

    /// <summary>The request a resource request's attributes describe.</summary>
    public static AccessRequest From(RequestAttributes attributes) => new(attributes.User, attributes.Groups, attributes.Verb,
        attributes.Kind.Group, attributes.Kind.Plural, attributes.Subresource ?? "", attributes.Namespace ?? "", attributes.Name ?? "");
}
