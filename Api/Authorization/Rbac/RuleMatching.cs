using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Api.Authorization.Rbac;

/// <summary>Whether a PolicyRule covers a request, with Kubernetes' semantics (pkg/apis/rbac/v1/evaluation_helpers.go):
/// "*" matches every verb, group, resource or URL; "pods/log" names a subresource and "*/scale" that subresource of every
/// resource; resourceNames, when given, limit the rule to those names; a URL rule ending in "*" covers the paths it
/// prefixes.</summary>
public static class RuleMatching
{
    public static bool Allows(PolicyRule rule, AccessRequest request)
    {
        if (!VerbMatches(rule, request.Verb)) return false;
        if (!request.IsResourceRequest) return NonResourceUrlMatches(rule, request.Path!);
        var combined = request.Subresource.Length == 0 ? request.Resource : $"{request.Resource}/{request.Subresource}";
        return ApiGroupMatches(rule, request.ApiGroup)
            && ResourceMatches(rule, combined, request.Subresource)
            && ResourceNameMatches(rule, request.Name);
    }

    public static bool VerbMatches(PolicyRule rule, string verb) => rule.Verbs.Any(v => v == RbacNames.All || v == verb);

    public static bool ApiGroupMatches(PolicyRule rule, string group) =>
        rule.ApiGroups?.Any(g => g == RbacNames.All || g == group) == true;

    public static bool ResourceMatches(PolicyRule rule, string combinedResource, string subresource)
    {
        foreach (var resource in rule.Resources ?? [])
        {
            if (resource == RbacNames.All || resource == combinedResource) return true;
            if (subresource.Length > 0 && resource.Length == subresource.Length + 2 && resource.StartsWith("*/", StringComparison.Ordinal)
                && resource.EndsWith(subresource, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    public static bool ResourceNameMatches(PolicyRule rule, string name) =>
        rule.ResourceNames is not { Count: > 0 } names || (name.Length > 0 && names.Contains(name, StringComparer.Ordinal));

    public static bool NonResourceUrlMatches(PolicyRule rule, string path)
    {
        foreach (var url in rule.NonResourceURLs ?? [])
        {
            if (url == RbacNames.All || url == path) return true;
            if (url.EndsWith('*') && path.StartsWith(url[..^1], StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
