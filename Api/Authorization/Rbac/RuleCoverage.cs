using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Api.Authorization.Rbac;

/// <summary>Whether rules a user holds cover rules they want to grant, as Kubernetes' escalation check compares them
/// (component-helpers auth/rbac/validation Covers): each wanted rule is broken into single (group, resource, verb,
/// name) or (URL, verb) pieces, and each piece must fall within one held rule. Strings compare literally: a held "*"
/// covers anything, a wanted "*" only a held "*"; a held "*/scale" covers every resource's scale; a held URL ending in
/// "*" covers the URLs it prefixes; a held rule limited to names covers only pieces with those names.</summary>
public static class RuleCoverage
{
    /// <summary>The pieces of <paramref name="wanted"/> that no rule of <paramref name="held"/> covers; empty when covered.</summary>
    public static IReadOnlyList<PolicyRule> Uncovered(IReadOnlyList<PolicyRule> held, IEnumerable<PolicyRule> wanted) =>
        [.. wanted.SelectMany(Breakdown).Where(piece => !held.Any(rule => Covers(rule, piece)))];

    /// <summary>A rule as pieces of at most one API group, resource, verb and name, or one URL and verb.</summary>
    public static IEnumerable<PolicyRule> Breakdown(PolicyRule rule)
    {
        foreach (var group in rule.ApiGroups ?? [])
        {
            foreach (var resource in rule.Resources ?? [])
            {
                foreach (var verb in rule.Verbs)
                {
                    if (rule.ResourceNames is not { Count: > 0 } names)
                    {
                        yield return new PolicyRule { ApiGroups = [group], Resources = [resource], Verbs = [verb] };
                        continue;
                    }
                    foreach (var name in names)
                        yield return new PolicyRule { ApiGroups = [group], Resources = [resource], Verbs = [verb], ResourceNames = [name] };
                }
            }
        }
        foreach (var url in rule.NonResourceURLs ?? [])
        {
            foreach (var verb in rule.Verbs) yield return new PolicyRule { NonResourceURLs = [url], Verbs = [verb] };
        }
    }

    /// <summary>Whether <paramref name="held"/> covers <paramref name="piece"/> (one of <see cref="Breakdown"/>'s).</summary>
    public static bool Covers(PolicyRule held, PolicyRule piece)
    {
        var verbs = held.Verbs.Contains(RbacNames.All) || HasAll(held.Verbs, piece.Verbs);
        var groups = (held.ApiGroups?.Contains(RbacNames.All) ?? false) || HasAll(held.ApiGroups, piece.ApiGroups);
        var resources = ResourcesCover(held.Resources ?? [], piece.Resources ?? []);
        var urls = (piece.NonResourceURLs ?? []).All(url => (held.NonResourceURLs ?? []).Any(owned => UrlCovers(owned, url)));
        var names = held.ResourceNames is not { Count: > 0 } || (piece.ResourceNames is { Count: > 0 } && HasAll(held.ResourceNames, piece.ResourceNames));
        return verbs && groups && resources && urls && names;
    }

    private static bool HasAll(List<string>? held, List<string>? wanted) =>
        (wanted ?? []).All(w => held?.Contains(w, StringComparer.Ordinal) == true);

    private static bool ResourcesCover(List<string> held, List<string> wanted)
    {
        if (held.Contains(RbacNames.All) || HasAll(held, wanted)) return true;
        foreach (var resource in wanted)
        {
            if (held.Contains(resource, StringComparer.Ordinal)) continue;
            // "pods/log" is also covered by "*/log".
            var slash = resource.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !held.Contains("*/" + resource[(slash + 1)..], StringComparer.Ordinal)) return false;
        }
        return true;
    }

    private static bool UrlCovers(string held, string url) =>
        held == url || (held.EndsWith('*') && url.StartsWith(held.TrimEnd('*'), StringComparison.Ordinal));
}
