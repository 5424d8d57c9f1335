using System.Globalization;
using System.Text;
using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Api.Authorization.Rbac;

/// <summary>Rules written as Kubernetes' escalation refusals write them: pieces that differ only in their verb joined
/// into one rule (its CompactRules), each printed as <c>{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}</c>
/// (its CompactString, Go's %q of each list).</summary>
public static class RuleText
{
    /// <summary>Rules of one API group, one resource and at most one name merged when only their verbs differ; other
    /// rules as they are.</summary>
    public static IReadOnlyList<PolicyRule> Compact(IEnumerable<PolicyRule> rules)
    {
        var compacted = new List<PolicyRule>();
        var simple = new Dictionary<(string Group, string Resource, string? Name), int>();
        foreach (var rule in rules)
        {
            if (rule is not { ApiGroups: [var group], Resources: [var resource], NonResourceURLs: null or [] } || rule.ResourceNames is { Count: > 1 })
            {
                compacted.Add(rule);
                continue;
            }
            var key = (group, resource, rule.ResourceNames is [var name] ? name : null);
            if (simple.TryGetValue(key, out var index))
                compacted[index] = compacted[index] with { Verbs = [.. compacted[index].Verbs, .. rule.Verbs] };
            else
            {
                simple[key] = compacted.Count;
                compacted.Add(rule);
            }
        }
        return compacted;
    }

    public static string Describe(PolicyRule rule)
    {
        var parts = new List<string>();
        if (rule.ApiGroups is { Count: > 0 } groups) parts.Add("APIGroups:" + GoList(groups));
        if (rule.Resources is { Count: > 0 } resources) parts.Add("Resources:" + GoList(resources));
        if (rule.NonResourceURLs is { Count: > 0 } urls) parts.Add("NonResourceURLs:" + GoList(urls));
        if (rule.ResourceNames is { Count: > 0 } names) parts.Add("ResourceNames:" + GoList(names));
        if (rule.Verbs is { Count: > 0 } verbs) parts.Add("Verbs:" + GoList(verbs));
        return "{" + string.Join(", ", parts) + "}";
    }

    /// <summary>A list of strings as Go's <c>%q</c> prints a []string: <c>["a" "b"]</c>.</summary>
    public static string GoList(IEnumerable<string> values) => "[" + string.Join(" ", values.Select(GoQuote)) + "]";

    /// <summary>A string as Go's <c>%q</c> quotes it (strconv.Quote), for the characters names and rules hold.</summary>
    public static string GoQuote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }
}
