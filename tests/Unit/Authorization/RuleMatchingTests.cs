using EventOrch.Api.Authorization.Rbac;
using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Tests.Unit.Authorization;

public sealed class RuleMatchingTests
{
    private static PolicyRule Rule(string verbs, string groups, string resources, string? names = null) => new()
    {
        Verbs = [.. verbs.Split(',')],
        ApiGroups = [.. groups.Split(',')],
        Resources = [.. resources.Split(',')],
        ResourceNames = names is null ? null : [.. names.Split(',')],
    };

    private static AccessRequest Request(string verb, string group, string resource, string subresource = "", string name = "") =>
        new("alice", [], verb, group, resource, subresource, "team-a", name);

    [Theory]
    [InlineData("get", "", "pods", "", "", true)]
    [InlineData("list", "", "pods", "", "", true)]
    [InlineData("delete", "", "pods", "", "", false)]
    [InlineData("get", "apps", "pods", "", "", false)]
    [InlineData("get", "", "services", "", "", false)]
    [InlineData("get", "", "pods", "log", "", false)]
    public void A_rule_covers_only_its_verbs_groups_and_resources(string verb, string group, string resource, string subresource, string name, bool allowed)
    {
        Assert.Equal(allowed, RuleMatching.Allows(Rule("get,list", "", "pods"), Request(verb, group, resource, subresource, name)));
    }

    [Theory]
    [InlineData("*", "*", "*", "delete", "apps", "deployments", "scale", true)]
    [InlineData("get", "*", "*", "get", "metrics.k8s.io", "pods", "", true)]
    [InlineData("*", "", "pods", "patch", "", "pods", "", true)]
    [InlineData("get", "", "*", "get", "", "pods", "log", true)]
    public void Wildcards_cover_every_verb_group_and_resource(string verbs, string groups, string resources, string verb, string group, string resource,
        string subresource, bool allowed)
    {
        Assert.Equal(allowed, RuleMatching.Allows(Rule(verbs, groups, resources), Request(verb, group, resource, subresource)));
    }

    [Theory]
    [InlineData("pods/log", "pods", "log", true)]
    [InlineData("pods/log", "pods", "", false)]
    [InlineData("pods/log", "pods", "exec", false)]
    [InlineData("*/scale", "deployments", "scale", true)]
    [InlineData("*/scale", "replicasets", "scale", true)]
    [InlineData("*/scale", "deployments", "", false)]
    [InlineData("*/scale", "deployments", "status", false)]
    [InlineData("deployments", "deployments", "scale", false)]
    public void A_subresource_is_covered_by_its_own_name_or_a_star_form(string ruleResource, string resource, string subresource, bool allowed)
    {
        Assert.Equal(allowed, RuleMatching.Allows(Rule("get", "*", ruleResource), Request("get", "apps", resource, subresource)));
    }

    [Theory]
    [InlineData("web", true)]
    [InlineData("db", false)]
    [InlineData("", false)]
    public void Resource_names_limit_a_rule_to_those_objects(string name, bool allowed)
    {
        Assert.Equal(allowed, RuleMatching.Allows(Rule("get", "", "configmaps", "web"), Request("get", "", "configmaps", name: name)));
    }

    [Theory]
    [InlineData("/healthz", "/healthz", true)]
    [InlineData("/healthz", "/healthz/ready", false)]
    [InlineData("/apis/*", "/apis/apps/v1", true)]
    [InlineData("/apis/*", "/api", false)]
    [InlineData("*", "/anything", true)]
    public void Non_resource_urls_match_exactly_or_by_a_trailing_star(string ruleUrl, string path, bool allowed)
    {
        var rule = new PolicyRule { Verbs = ["get"], NonResourceURLs = [ruleUrl] };
        Assert.Equal(allowed, RuleMatching.Allows(rule, new AccessRequest("alice", [], "get", "", "", Path: path)));
    }

    [Fact]
    public void A_resource_rule_never_covers_a_non_resource_request()
    {
        Assert.False(RuleMatching.Allows(Rule("*", "*", "*"), new AccessRequest("alice", [], "get", "", "", Path: "/version")));
    }
}
