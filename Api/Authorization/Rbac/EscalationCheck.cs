using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Api.Authorization.Rbac;

/// <summary>Kubernetes' ConfirmNoEscalation: a user may grant only rules they hold themselves, cluster-wide or in the
/// namespace the grant is made in. The answer is null when they hold them all, or why not in Kubernetes' words: the
/// missing pieces, compacted, sorted and each on its own line, and the bindings whose role could not be found (their
/// rules may be the ones missing).</summary>
public static class EscalationCheck
{
    public static string? Confirm(RbacSnapshot snapshot, string user, IReadOnlyList<string> groups, string @namespace, IEnumerable<PolicyRule> wanted)
    {
        var held = new List<PolicyRule>();
        var errors = new List<string>();
        foreach (var grant in snapshot.GrantsFor(user, groups, @namespace))
        {
            held.AddRange(grant.Rules);
            if (grant.Error is { } error) errors.Add(error);
        }
        var missing = RuleCoverage.Uncovered(held, wanted);
        if (missing.Count == 0) return null;

        var lines = RuleText.Compact(missing).Select(RuleText.Describe).Distinct().Order(StringComparer.Ordinal);
        var message = $"user {RuleText.GoQuote(user)} (groups={RuleText.GoList(groups)}) is attempting to grant RBAC permissions not currently held:\n"
            + string.Join("\n", lines);
        if (errors.Count == 0) return message;
        // Kubernetes prints its one aggregated resolution error inside a list: "[e]", or "[[e1, e2]]" for several.
        var distinct = errors.Distinct().ToList();
        var aggregate = distinct.Count == 1 ? distinct[0] : $"[{string.Join(", ", distinct)}]";
        return $"{message}; resolution errors: [{aggregate}]";
    }
}
