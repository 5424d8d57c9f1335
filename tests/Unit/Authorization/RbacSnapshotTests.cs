using EventOrch.Api.Authorization.Rbac;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Tests.Unit.Authorization;

public sealed class RbacSnapshotTests
{
    private static readonly PolicyRule ReadPods = new() { Verbs = ["get", "list", "watch"], ApiGroups = [""], Resources = ["pods"] };
    private static readonly PolicyRule WriteDeployments = new() { Verbs = ["create", "delete"], ApiGroups = ["apps"], Resources = ["deployments"] };

    private static ClusterRole ClusterRole(string name, Dictionary<string, string>? labels = null, params PolicyRule[] rules) =>
        new() { Metadata = new ObjectMeta { Name = name, Labels = labels }, Rules = [.. rules] };

    private static Role Role(string ns, string name, params PolicyRule[] rules) => new() { Metadata = new ObjectMeta { Name = name, Namespace = ns }, Rules = [.. rules] };

    private static Subject User(string name) => new() { Kind = RbacNames.UserKind, ApiGroup = RbacNames.Group, Name = name };
    private static Subject Group(string name) => new() { Kind = RbacNames.GroupKind, ApiGroup = RbacNames.Group, Name = name };
    private static Subject ServiceAccount(string? ns, string name) => new() { Kind = RbacNames.ServiceAccountKind, Namespace = ns, Name = name };

    private static RoleBinding RoleBinding(string ns, string name, string roleKind, string role, params Subject[] subjects) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        RoleRef = new RoleRef { ApiGroup = RbacNames.Group, Kind = roleKind, Name = role },
        Subjects = [.. subjects],
    };

    private static ClusterRoleBinding ClusterRoleBinding(string name, string role, params Subject[] subjects) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        RoleRef = new RoleRef { ApiGroup = RbacNames.Group, Kind = "ClusterRole", Name = role },
        Subjects = [.. subjects],
    };

    private static AccessRequest Request(string user, string verb, string resource, string ns, string group = "", params string[] groups) =>
        new(user, groups, verb, group, resource, "", ns);

    [Fact]
    public void A_role_binding_grants_its_role_in_its_own_namespace_only()
    {
        var snapshot = RbacSnapshot.Build([Role("team-a", "reader", ReadPods)], [], [RoleBinding("team-a", "alice-reads", "Role", "reader", User("alice"))], []);

        Assert.True(snapshot.Authorize(Request("alice", "list", "pods", "team-a")).Allowed);
        Assert.False(snapshot.Authorize(Request("alice", "list", "pods", "team-b")).Allowed);
        Assert.False(snapshot.Authorize(Request("alice", "list", "pods", "")).Allowed);
        Assert.False(snapshot.Authorize(Request("bob", "list", "pods", "team-a")).Allowed);
        Assert.False(snapshot.Authorize(Request("alice", "delete", "pods", "team-a")).Allowed);
    }

    [Fact]
    public void A_cluster_role_bound_by_a_role_binding_is_limited_to_that_namespace()
    {
        var snapshot = RbacSnapshot.Build([], [ClusterRole("edit", null, ReadPods, WriteDeployments)], [RoleBinding("team-a", "alice-edit", "ClusterRole", "edit", User("alice"))], []);

        Assert.True(snapshot.Authorize(Request("alice", "create", "deployments", "team-a", "apps")).Allowed);
        Assert.False(snapshot.Authorize(Request("alice", "create", "deployments", "team-b", "apps")).Allowed);
        Assert.False(snapshot.Authorize(Request("alice", "list", "pods", "")).Allowed);
    }

    [Fact]
    public void A_cluster_role_binding_grants_in_every_namespace_and_at_the_cluster_scope()
    {
        var snapshot = RbacSnapshot.Build([], [ClusterRole("pod-reader", null, ReadPods)], [], [ClusterRoleBinding("readers", "pod-reader", User("alice"))]);

        Assert.True(snapshot.Authorize(Request("alice", "list", "pods", "team-a")).Allowed);
        Assert.True(snapshot.Authorize(Request("alice", "list", "pods", "")).Allowed);
    }

    [Fact]
    public void A_role_in_another_namespace_with_the_referenced_name_does_not_count()
    {
        var snapshot = RbacSnapshot.Build([Role("team-b", "reader", ReadPods)], [], [RoleBinding("team-a", "alice-reads", "Role", "reader", User("alice"))], []);

        var decision = snapshot.Authorize(Request("alice", "list", "pods", "team-a"));

        Assert.False(decision.Allowed);
        Assert.Equal("RBAC: role.rbac.authorization.k8s.io \"reader\" not found", decision.Reason);
    }

    [Fact]
    public void Groups_and_service_accounts_are_subjects()
    {
        var snapshot = RbacSnapshot.Build([], [ClusterRole("pod-reader", null, ReadPods)], [
            RoleBinding("team-a", "devs", "ClusterRole", "pod-reader", Group("devs")),
            RoleBinding("team-a", "robot", "ClusterRole", "pod-reader", ServiceAccount(null, "builder")),
            RoleBinding("team-a", "other-robot", "ClusterRole", "pod-reader", ServiceAccount("ci", "runner")),
        ], []);

        Assert.True(snapshot.Authorize(Request("carol", "get", "pods", "team-a", "", "devs")).Allowed);
        Assert.False(snapshot.Authorize(Request("carol", "get", "pods", "team-a", "", "ops")).Allowed);
        Assert.True(snapshot.Authorize(Request("system:serviceaccount:team-a:builder", "get", "pods", "team-a")).Allowed);
        Assert.True(snapshot.Authorize(Request("system:serviceaccount:ci:runner", "get", "pods", "team-a")).Allowed);
        Assert.False(snapshot.Authorize(Request("system:serviceaccount:team-b:builder", "get", "pods", "team-a")).Allowed);
    }

    [Fact]
    public void An_allowed_request_names_the_binding_that_allowed_it()
    {
        var snapshot = RbacSnapshot.Build([], [ClusterRole("edit", null, ReadPods)], [RoleBinding("team-a", "alice-edit", "ClusterRole", "edit", User("alice"))], []);

        Assert.Equal("RBAC: allowed by RoleBinding \"alice-edit/team-a\" of ClusterRole \"edit\" to User \"alice\"",
            snapshot.Authorize(Request("alice", "get", "pods", "team-a")).Reason);
    }

    [Fact]
    public void An_aggregated_cluster_role_has_the_rules_of_the_roles_its_selectors_match_transitively()
    {
        var admin = new ClusterRole
        {
            Metadata = new ObjectMeta { Name = "admin" },
            AggregationRule = new AggregationRule { ClusterRoleSelectors = [new LabelSelectorSpec { MatchLabels = new() { ["to-admin"] = "true" } }] },
        };
        var edit = new ClusterRole
        {
            Metadata = new ObjectMeta { Name = "edit", Labels = new() { ["to-admin"] = "true" } },
            AggregationRule = new AggregationRule { ClusterRoleSelectors = [new LabelSelectorSpec { MatchLabels = new() { ["to-edit"] = "true" } }] },
        };
        var snapshot = RbacSnapshot.Build([], [
            admin, edit,
            ClusterRole("pods", new() { ["to-edit"] = "true" }, ReadPods),
            ClusterRole("deployments", new() { ["to-admin"] = "true" }, WriteDeployments),
            ClusterRole("unrelated", new() { ["to-view"] = "true" }, new PolicyRule { Verbs = ["*"], ApiGroups = ["*"], Resources = ["secrets"] }),
        ], [RoleBinding("team-a", "alice-admin", "ClusterRole", "admin", User("alice")), RoleBinding("team-a", "bob-edit", "ClusterRole", "edit", User("bob"))], []);

        Assert.True(snapshot.Authorize(Request("alice", "get", "pods", "team-a")).Allowed);
        Assert.True(snapshot.Authorize(Request("alice", "create", "deployments", "team-a", "apps")).Allowed);
        Assert.False(snapshot.Authorize(Request("alice", "get", "secrets", "team-a")).Allowed);
        Assert.True(snapshot.Authorize(Request("bob", "get", "pods", "team-a")).Allowed);
        Assert.False(snapshot.Authorize(Request("bob", "create", "deployments", "team-a", "apps")).Allowed);
    }

    [Fact]
    public void The_default_view_role_reads_but_edit_writes_and_neither_touches_roles()
    {
        var snapshot = RbacSnapshot.Build([], BootstrapPolicy.ClusterRoles, [
            RoleBinding("team-a", "v", "ClusterRole", "view", User("viewer")),
            RoleBinding("team-a", "e", "ClusterRole", "edit", User("editor")),
            RoleBinding("team-a", "a", "ClusterRole", "admin", User("admin")),
        ], []);
        AccessRequest Sub(string user, string verb, string group, string resource, string sub) => new(user, [], verb, group, resource, sub, "team-a", "x");

        Assert.True(snapshot.Authorize(Sub("viewer", "get", "", "pods", "log")).Allowed);
        Assert.True(snapshot.Authorize(Sub("viewer", "get", "apps", "deployments", "history")).Allowed);
        Assert.False(snapshot.Authorize(Sub("viewer", "get", "", "secrets", "")).Allowed);
        Assert.False(snapshot.Authorize(Sub("viewer", "delete", "", "pods", "")).Allowed);
        Assert.True(snapshot.Authorize(Sub("editor", "update", "apps", "deployments", "scale")).Allowed);
        Assert.True(snapshot.Authorize(Sub("editor", "get", "", "secrets", "")).Allowed);
        Assert.False(snapshot.Authorize(Sub("editor", "create", "rbac.authorization.k8s.io", "rolebindings", "")).Allowed);
        Assert.True(snapshot.Authorize(Sub("admin", "create", "rbac.authorization.k8s.io", "rolebindings", "")).Allowed);
        Assert.True(snapshot.Authorize(Sub("admin", "delete", "", "pods", "")).Allowed);
    }
}
