using EventOrch.Api.Authorization.Rbac;
using EventOrch.Contracts.Model.Rbac;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Authorization.Reviews;

/// <summary>Kubernetes' rules for an access review's attributes: exactly one of resourceAttributes and
/// nonResourceAttributes; and the request they describe.</summary>
public static class AccessReviewValidation
{
    public static IReadOnlyList<FieldError> Validate(ResourceAttributes? resource, NonResourceAttributes? nonResource)
    {
        if (resource is null && nonResource is null)
            return [FieldError.Required("spec.resourceAttributes", "exactly one of nonResourceAttributes or resourceAttributes must be specified")];
        if (resource is not null && nonResource is not null)
            return [FieldError.Invalid("spec.nonResourceAttributes", "", "cannot be specified in combination with resourceAttributes")];
        return [];
    }

    public static AccessRequest Request(string user, IReadOnlyList<string> groups, ResourceAttributes? resource, NonResourceAttributes? nonResource) =>
        resource is not null
            ? new AccessRequest(user, groups, resource.Verb ?? "", resource.Group ?? "", resource.Resource ?? "", resource.Subresource ?? "",
                resource.Namespace ?? "", resource.Name ?? "")
            : new AccessRequest(user, groups, nonResource!.Verb ?? "", "", "", Path: nonResource.Path ?? "");
}
