using EventOrch.Api.Authorization.Rbac;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Tests.Unit.Authorization;

public sealed class PolicyBootstrapTests
{
    private static ClusterRole Default(string name) => BootstrapPolicy.ClusterRoles.Single(r => r.Metadata.Name == name);

    [Fact]
    public void A_default_role_as_bootstrapped_needs_nothing()
    {
        Assert.Null(PolicyBootstrap.Reconciled(Default("system:eventorch:scheduler"), Default("system:eventorch:scheduler")));
    }

    [Fact]
    public void A_default_role_gets_back_the_rules_and_labels_it_lost_and_keeps_what_was_added()
    {
        var wanted = Default("system:eventorch:scheduler");
        var added = new PolicyRule { Verbs = ["get"], ApiGroups = [""], Resources = ["configmaps"] };
        var stored = wanted with { Rules = [wanted.Rules![0], added], Metadata = wanted.Metadata with { Labels = null } };

        var reconciled = PolicyBootstrap.Reconciled(stored, wanted)!;

        Assert.Equal(wanted.Rules.Count + 1, reconciled.Rules!.Count);
        Assert.Contains(added, reconciled.Rules);
        Assert.All(wanted.Rules, r => Assert.Contains(reconciled.Rules, k => Aggregation.RuleComparer.Instance.Equals(k, r)));
        Assert.Equal(BootstrapPolicy.BootstrappingValue, reconciled.Metadata.Labels![BootstrapPolicy.BootstrappingLabel]);
    }

    [Fact]
    public void A_default_binding_gets_back_its_subject_but_one_with_another_role_is_left_alone()
    {
        var wanted = BootstrapPolicy.ClusterRoleBindings.Single(b => b.Metadata.Name == BootstrapPolicy.Scheduler);
        var emptied = wanted with { Subjects = [] };
        var rebound = wanted with { RoleRef = wanted.RoleRef with { Name = "view" }, Subjects = [] };

        Assert.Equal(wanted.Subjects, PolicyBootstrap.Reconciled(emptied, wanted)!.Subjects);
        Assert.Null(PolicyBootstrap.Reconciled(rebound, wanted));
    }

    [Fact]
    public void Every_default_role_and_binding_is_valid()
    {
        foreach (var role in BootstrapPolicy.ClusterRoles)
            Assert.Empty(Contracts.Validation.RbacValidation.ValidateClusterRole(role with { Metadata = role.Metadata with { Uid = "u" } }));
        foreach (var binding in BootstrapPolicy.ClusterRoleBindings)
            Assert.Empty(Contracts.Validation.RbacValidation.ValidateClusterRoleBinding(binding));
    }

    [Theory]
    [InlineData("system:serviceaccount:kube-system:scheduler", "create", "", "pods", "binding", "team-a", true)]
    [InlineData("system:serviceaccount:kube-system:scheduler", "delete", "", "pods", "", "team-a", false)]
    [InlineData("system:serviceaccount:kube-system:node-agent", "get", "", "secrets", "", "team-a", true)]
    [InlineData("system:serviceaccount:kube-system:node-agent", "list", "", "secrets", "", "team-a", false)]
    [InlineData("system:serviceaccount:kube-system:service-proxy", "list", "networking.k8s.io", "ingresses", "", "", true)]
    [InlineData("system:serviceaccount:kube-system:service-proxy", "create", "", "pods", "", "team-a", false)]
    [InlineData("system:serviceaccount:kube-system:controllers", "update", "apps", "deployments", "scale", "team-a", true)]
    [InlineData("system:serviceaccount:kube-system:controllers", "deletecollection", "rbac.authorization.k8s.io", "rolebindings", "", "team-a", true)]
    [InlineData("system:serviceaccount:kube-system:controllers", "create", "rbac.authorization.k8s.io", "rolebindings", "", "team-a", false)]
    [InlineData("system:serviceaccount:kube-system:controllers", "get", "custom.metrics.k8s.io", "pods", "requests_per_second", "team-a", true)]
    [InlineData("someone", "create", "authorization.k8s.io", "selfsubjectaccessreviews", "", "", true)]
    public void The_component_roles_grant_what_their_code_calls_and_no_more(string user, string verb, string group, string resource,
        string subresource, string ns, bool allowed)
    {
        var snapshot = RbacSnapshot.Build([], BootstrapPolicy.ClusterRoles, [], BootstrapPolicy.ClusterRoleBindings);

        Assert.Equal(allowed, snapshot.Authorize(new AccessRequest(user, ["system:serviceaccounts", "system:authenticated"], verb, group, resource,
            subresource, ns, "x")).Allowed);
    }
}
