using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Api.Authorization.Rbac;

/// <summary>ClusterRole aggregation, computed when a snapshot is built rather than by a controller that writes the
/// rules back (Kubernetes' clusterrole-aggregation controller): a ClusterRole with an aggregationRule has the rules of
/// every other ClusterRole its selectors match, followed through roles that aggregate in turn. Its own rules, which
/// Kubernetes' controller would overwrite, are kept too.</summary>
public static class Aggregation
{
    public static IReadOnlyDictionary<string, IReadOnlyList<PolicyRule>> EffectiveRules(IReadOnlyList<ClusterRole> clusterRoles)
    {
        var byName = new Dictionary<string, ClusterRole>(StringComparer.Ordinal);
        foreach (var role in clusterRoles) byName[role.Metadata.Name ?? ""] = role;
        var effective = new Dictionary<string, IReadOnlyList<PolicyRule>>(StringComparer.Ordinal);
        foreach (var name in byName.Keys) effective[name] = Collect(name, byName, []);
        return effective;
    }

    private static List<PolicyRule> Collect(string name, Dictionary<string, ClusterRole> byName, HashSet<string> visiting)
    {
        var role = byName[name];
        var rules = new List<PolicyRule>(role.Rules ?? []);
        if (role.AggregationRule?.ClusterRoleSelectors is not { Count: > 0 } selectors || !visiting.Add(name)) return rules;
        var parsed = selectors.Select(s => s.TryToSelector(out var selector, out _) ? selector : null).Where(s => s is not null).ToList();
        foreach (var (otherName, other) in byName.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (otherName == name || !parsed.Any(s => s!.Matches(other.Metadata.Labels))) continue;
            foreach (var rule in Collect(otherName, byName, visiting))
            {
                if (!rules.Contains(rule, RuleComparer.Instance)) rules.Add(rule);
            }
        }
        visiting.Remove(name);
        return rules;
    }

    /// <summary>Rules compared by content (records compare their lists by reference).</summary>
    public sealed class RuleComparer : IEqualityComparer<PolicyRule>
    {
        public static RuleComparer Instance { get; } = new();

        public bool Equals(PolicyRule? x, PolicyRule? y) => x is not null && y is not null
            && Same(x.Verbs, y.Verbs) && Same(x.ApiGroups, y.ApiGroups) && Same(x.Resources, y.Resources)
            && Same(x.ResourceNames, y.ResourceNames) && Same(x.NonResourceURLs, y.NonResourceURLs);

        public int GetHashCode(PolicyRule rule) => HashCode.Combine(string.Join(",", rule.Verbs), string.Join(",", rule.Resources ?? []));

        private static bool Same(List<string>? a, List<string>? b) => ObjectMetaEvolution.ListEquals(a, b);
    }
}
