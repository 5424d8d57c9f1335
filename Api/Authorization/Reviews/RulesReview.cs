using EventOrch.Api.Authorization.Rbac;
using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Api.Authorization.Reviews;

/// <summary>The rules a user has in a namespace, as a SelfSubjectRulesReview answers: every rule of every grant that
/// applies (cluster-wide and in the namespace), split into resource and non-resource rules. A binding whose role is
/// missing makes the answer incomplete and is named in evaluationError.</summary>
public static class RulesReview
{
    public static SubjectRulesReviewStatus For(RbacSnapshot snapshot, string user, IReadOnlyList<string> groups, string @namespace)
    {
        var resourceRules = new List<ResourceRule>();
        var nonResourceRules = new List<NonResourceRule>();
        var errors = new List<string>();
        foreach (var grant in snapshot.GrantsFor(user, groups, @namespace))
        {
            if (grant.Error is { } error) errors.Add(error);
            foreach (var rule in grant.Rules)
            {
                if (rule.Resources is { Count: > 0 })
                    resourceRules.Add(new ResourceRule { Verbs = rule.Verbs, ApiGroups = rule.ApiGroups, Resources = rule.Resources, ResourceNames = rule.ResourceNames });
                if (rule.NonResourceURLs is { Count: > 0 })
                    nonResourceRules.Add(new NonResourceRule { Verbs = rule.Verbs, NonResourceURLs = rule.NonResourceURLs });
            }
        }
        return new SubjectRulesReviewStatus
        {
            ResourceRules = resourceRules,
            NonResourceRules = nonResourceRules,
            Incomplete = errors.Count > 0,
            EvaluationError = errors.Count > 0 ? string.Join(", ", errors.Distinct()) : null,
        };
    }
}
