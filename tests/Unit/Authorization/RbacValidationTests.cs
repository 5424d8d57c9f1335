using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Rbac;
using EventOrch.Contracts.Validation;

namespace EventOrch.Tests.Unit.Authorization;

public sealed class RbacValidationTests
{
    private static Role RoleWith(PolicyRule rule) => new() { Metadata = new ObjectMeta { Name = "r", Namespace = "ns" }, Rules = [rule] };

    [Theory]
    [InlineData(null, "", "pods", null, "rules[0].verbs")]
    [InlineData("get", null, "pods", null, "rules[0].apiGroups")]
    [InlineData("get", "", null, null, "rules[0].resources")]
    [InlineData("get", null, null, "/healthz", "rules[0].nonResourceURLs")]
    public void A_role_rule_needs_verbs_and_resources_with_groups_and_no_urls(string? verb, string? group, string? resource, string? url, string field)
    {
        var rule = new PolicyRule
        {
            Verbs = verb is null ? [] : [verb],
            ApiGroups = group is null ? null : [group],
            Resources = resource is null ? null : [resource],
            NonResourceURLs = url is null ? null : [url],
        };

        Assert.Contains(RbacValidation.ValidateRole(RoleWith(rule)), e => e.Field == field);
    }

    [Fact]
    public void A_cluster_role_may_have_non_resource_urls_but_not_with_resources()
    {
        var urls = new ClusterRole { Metadata = new ObjectMeta { Name = "c" }, Rules = [new PolicyRule { Verbs = ["get"], NonResourceURLs = ["/healthz"] }] };
        var both = urls with { Rules = [new PolicyRule { Verbs = ["get"], NonResourceURLs = ["/healthz"], ApiGroups = [""], Resources = ["pods"] }] };

        Assert.Empty(RbacValidation.ValidateClusterRole(urls));
        Assert.Contains(RbacValidation.ValidateClusterRole(both), e => e.Field == "rules[0].nonResourceURLs");
    }

    [Fact]
    public void A_binding_names_a_role_kind_of_rbac_and_known_subject_kinds()
    {
        var binding = new RoleBinding
        {
            Metadata = new ObjectMeta { Name = "b", Namespace = "ns" },
            RoleRef = new RoleRef { ApiGroup = "apps", Kind = "Deployment", Name = "" },
            Subjects = [new Subject { Kind = "Robot", Name = "r2" }, new Subject { Kind = "User", Name = "alice", ApiGroup = "" }],
        };

        var fields = RbacValidation.ValidateRoleBinding(binding).Select(e => e.Field).ToList();

        Assert.Equal(["roleRef.apiGroup", "roleRef.kind", "roleRef.name", "subjects[0].kind", "subjects[1].apiGroup"], fields);
    }

    [Fact]
    public void A_cluster_role_binding_needs_the_namespace_of_a_service_account()
    {
        var binding = new ClusterRoleBinding
        {
            Metadata = new ObjectMeta { Name = "b" },
            RoleRef = new RoleRef { ApiGroup = RbacNames.Group, Kind = "ClusterRole", Name = "view" },
            Subjects = [new Subject { Kind = "ServiceAccount", Name = "robot" }],
        };

        Assert.Equal(["subjects[0].namespace"], RbacValidation.ValidateClusterRoleBinding(binding).Select(e => e.Field));
    }

    [Fact]
    public void The_role_ref_of_a_binding_cannot_change()
    {
        var old = new RoleBinding
        {
            Metadata = new ObjectMeta { Name = "b", Namespace = "ns", ResourceVersion = "1" },
            RoleRef = new RoleRef { ApiGroup = RbacNames.Group, Kind = "ClusterRole", Name = "view" },
        };
        var updated = old with { RoleRef = old.RoleRef with { Name = "edit" } };

        var error = Assert.Single(RbacValidation.ValidateRoleBindingUpdate(old, updated));
        Assert.Equal(("roleRef", "cannot change roleRef"), (error.Field, error.Detail));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("50%")]
    public void Names_are_path_segments(string name)
    {
        Assert.NotEmpty(RbacValidation.PathSegmentName(name, prefix: false));
    }

    [Fact]
    public void Role_names_may_hold_colons()
    {
        Assert.Empty(RbacValidation.PathSegmentName("system:eventorch:scheduler", prefix: false));
    }
}
