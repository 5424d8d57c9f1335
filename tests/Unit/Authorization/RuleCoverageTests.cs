using EventOrch.Api.Authorization.Rbac;
using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Tests.Unit.Authorization;

public sealed class RuleCoverageTests
{
    // "verbs;groups;resources;names;urls": lists split on ',', an empty field is the core group [""], "~" or a missing field is none.
    internal static PolicyRule Rule(string spec)
    {
        var fields = spec.Split(';');
        List<string>? Field(int i) => i >= fields.Length || fields[i] == "~" ? null : [.. fields[i].Split(',')];
        return new PolicyRule { Verbs = Field(0) ?? [], ApiGroups = Field(1), Resources = Field(2), ResourceNames = Field(3), NonResourceURLs = Field(4) };
    }

    [Theory]
    [InlineData("get,list;;pods", "get;;pods", true)]
    [InlineData("get,list;;pods", "delete;;pods", false)]
    [InlineData("*;;pods", "delete;;pods", true)]
    [InlineData("get,list;;pods", "*;;pods", false)]
    [InlineData("*;;pods", "*;;pods", true)]
    [InlineData("get;*;pods", "get;apps;pods", true)]
    [InlineData("get;apps;deployments", "get;;deployments", false)]
    [InlineData("get;apps;deployments", "get;*;deployments", false)]
    [InlineData("get;*;deployments", "get;*;deployments", true)]
    [InlineData("get;;*", "get;;secrets", true)]
    [InlineData("get;;pods", "get;;*", false)]
    [InlineData("get;;*", "get;;pods/log", true)]
    public void Held_stars_cover_anything_and_a_wanted_star_needs_a_held_star(string held, string piece, bool covered)
    {
        Assert.Equal(covered, RuleCoverage.Covers(Rule(held), Rule(piece)));
    }

    [Theory]
    [InlineData("get;apps;*/scale", "get;apps;deployments/scale", true)]
    [InlineData("get;apps;*/scale", "get;apps;deployments", false)]
    [InlineData("get;apps;*/scale", "get;apps;deployments/status", false)]
    [InlineData("get;;pods", "get;;pods/log", false)]
    [InlineData("get;;pods/log", "get;;pods/log", true)]
    [InlineData("get;;pods/log", "get;;pods", false)]
    public void Subresources_are_covered_by_name_or_by_a_star_of_the_subresource(string held, string piece, bool covered)
    {
        Assert.Equal(covered, RuleCoverage.Covers(Rule(held), Rule(piece)));
    }

    [Theory]
    [InlineData("get;;configmaps;a,b", "get;;configmaps;a", true)]
    [InlineData("get;;configmaps;a", "get;;configmaps;b", false)]
    [InlineData("get;;configmaps;a", "get;;configmaps", false)]
    [InlineData("get;;configmaps", "get;;configmaps;b", true)]
    [InlineData("get;;configmaps;*", "get;;configmaps;b", false)]
    public void Resource_names_limit_what_a_held_rule_covers(string held, string piece, bool covered)
    {
        Assert.Equal(covered, RuleCoverage.Covers(Rule(held), Rule(piece)));
    }

    [Theory]
    [InlineData("get;~;~;~;/healthz", "get;~;~;~;/healthz", true)]
    [InlineData("get;~;~;~;/healthz", "get;~;~;~;/healthz/ready", false)]
    [InlineData("get;~;~;~;/api/*", "get;~;~;~;/api/v1/pods", true)]
    [InlineData("get;~;~;~;/api/*", "get;~;~;~;/apis", false)]
    [InlineData("get;~;~;~;/api/*", "get;~;~;~;*", false)]
    [InlineData("*;~;~;~;*", "post;~;~;~;/anything", true)]
    [InlineData("*;~;~;~;*", "get;;pods", false)]
    [InlineData("*;*;*", "get;~;~;~;/healthz", false)]
    public void Urls_are_covered_by_url_rules_only_with_a_trailing_star_as_a_prefix(string held, string piece, bool covered)
    {
        Assert.Equal(covered, RuleCoverage.Covers(Rule(held), Rule(piece)));
    }

    [Fact]
    public void A_rule_is_broken_into_one_piece_per_group_resource_verb_and_name_and_per_url_and_verb()
    {
        var pieces = RuleCoverage.Breakdown(Rule("get,list;,apps;pods,deployments;a,b")).Select(RuleText.Describe).ToList();
        var urls = RuleCoverage.Breakdown(Rule("get,post;~;~;~;/healthz,/metrics")).Select(RuleText.Describe).ToList();

        Assert.Equal(16, pieces.Count);
        Assert.Contains("{APIGroups:[\"apps\"], Resources:[\"pods\"], ResourceNames:[\"b\"], Verbs:[\"list\"]}", pieces);
        Assert.Equal(["{NonResourceURLs:[\"/healthz\"], Verbs:[\"get\"]}", "{NonResourceURLs:[\"/healthz\"], Verbs:[\"post\"]}",
            "{NonResourceURLs:[\"/metrics\"], Verbs:[\"get\"]}", "{NonResourceURLs:[\"/metrics\"], Verbs:[\"post\"]}"], urls);
    }

    [Fact]
    public void What_the_held_rules_do_not_cover_is_listed_piece_by_piece()
    {
        PolicyRule[] held = [Rule("get,list,watch;;pods,configmaps"), Rule("*;apps;deployments")];

        var uncovered = RuleCoverage.Uncovered(held, [Rule("get,update;;pods,resourcequotas"), Rule("create;apps;deployments,replicasets")]);

        Assert.Equal(["{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"update\"]}", "{APIGroups:[\"\"], Resources:[\"resourcequotas\"], Verbs:[\"get\"]}",
            "{APIGroups:[\"\"], Resources:[\"resourcequotas\"], Verbs:[\"update\"]}", "{APIGroups:[\"apps\"], Resources:[\"replicasets\"], Verbs:[\"create\"]}"],
            uncovered.Select(RuleText.Describe));
        Assert.Empty(RuleCoverage.Uncovered(held, [Rule("watch;;configmaps"), Rule("delete;apps;deployments;web")]));
    }

    [Fact]
    public void Pieces_that_differ_only_in_their_verb_are_written_as_one_rule()
    {
        var compact = RuleText.Compact([Rule("get;;secrets"), Rule("list;;secrets"), Rule("get;;secrets;a"), Rule("get;~;~;~;/metrics"), Rule("watch;;secrets")]);

        Assert.Equal(["{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\" \"list\" \"watch\"]}",
            "{APIGroups:[\"\"], Resources:[\"secrets\"], ResourceNames:[\"a\"], Verbs:[\"get\"]}", "{NonResourceURLs:[\"/metrics\"], Verbs:[\"get\"]}"],
            compact.Select(RuleText.Describe));
    }

    [Theory]
    [InlineData("alice", "\"alice\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    public void Strings_are_quoted_as_go_quotes_them(string value, string quoted)
    {
        Assert.Equal(quoted, RuleText.GoQuote(value));
    }
}
