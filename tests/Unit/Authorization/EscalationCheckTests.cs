using EventOrch.Api.Authorization.Rbac;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Rbac;
using static EventOrch.Tests.Unit.Authorization.RuleCoverageTests;

namespace EventOrch.Tests.Unit.Authorization;

public sealed class EscalationCheckTests
{
    private static readonly string[] Groups = ["tenants", "system:authenticated"];

    private static RoleBinding Binding(string ns, string roleKind, string role, string user) => new()
    {
        Metadata = new ObjectMeta { Name = $"{user}-{role}", Namespace = ns },
        RoleRef = new RoleRef { ApiGroup = RbacNames.Group, Kind = roleKind, Name = role },
        Subjects = [new Subject { Kind = RbacNames.UserKind, ApiGroup = RbacNames.Group, Name = user }],
    };

    private static readonly RbacSnapshot AliceEditsTeamA = RbacSnapshot.Build([],
        [new ClusterRole { Metadata = new ObjectMeta { Name = "edit" }, Rules = [Rule("get,list,watch,create,update,delete;;pods,configmaps"), Rule("get,list;;resourcequotas")] }],
        [Binding("team-a", "ClusterRole", "edit", "alice")], []);

    [Fact]
    public void Rules_the_user_holds_in_the_namespace_may_be_granted_there_and_nowhere_else()
    {
        PolicyRule[] wanted = [Rule("get,list;;pods"), Rule("update;;configmaps;settings")];

        Assert.Null(EscalationCheck.Confirm(AliceEditsTeamA, "alice", Groups, "team-a", wanted));
        Assert.NotNull(EscalationCheck.Confirm(AliceEditsTeamA, "alice", Groups, "team-b", wanted));
        Assert.NotNull(EscalationCheck.Confirm(AliceEditsTeamA, "alice", Groups, "", wanted));
        Assert.NotNull(EscalationCheck.Confirm(AliceEditsTeamA, "bob", Groups, "team-a", wanted));
    }

    [Fact]
    public void A_refusal_names_the_user_its_groups_and_each_missing_permission_as_kubernetes_does()
    {
        var why = EscalationCheck.Confirm(AliceEditsTeamA, "alice", Groups, "team-a",
            [Rule("get,update,patch;;resourcequotas"), Rule("get;;pods"), Rule("get;~;~;~;/metrics")]);

        Assert.Equal("user \"alice\" (groups=[\"tenants\" \"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n"
            + "{APIGroups:[\"\"], Resources:[\"resourcequotas\"], Verbs:[\"update\" \"patch\"]}\n"
            + "{NonResourceURLs:[\"/metrics\"], Verbs:[\"get\"]}", why);
    }

    [Fact]
    public void A_binding_whose_role_is_missing_is_named_as_a_resolution_error()
    {
        var snapshot = RbacSnapshot.Build([], [], [Binding("team-a", "Role", "gone", "alice")], []);

        var why = EscalationCheck.Confirm(snapshot, "alice", Groups, "team-a", [Rule("get;;pods")]);

        Assert.EndsWith(":\n{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"get\"]}; resolution errors: [role.rbac.authorization.k8s.io \"gone\" not found]", why);
    }

    [Fact]
    public void A_cluster_admin_may_grant_anything_and_a_role_or_cluster_role_referenced_resolves_to_its_rules()
    {
        var snapshot = RbacSnapshot.Build([new Role { Metadata = new ObjectMeta { Name = "reader", Namespace = "team-a" }, Rules = [Rule("get;;pods")] }],
            [new ClusterRole { Metadata = new ObjectMeta { Name = "cluster-admin" }, Rules = [Rule("*;*;*"), Rule("*;~;~;~;*")] }],
            [], [new ClusterRoleBinding { Metadata = new ObjectMeta { Name = "root" }, RoleRef = new RoleRef { ApiGroup = RbacNames.Group, Kind = "ClusterRole", Name = "cluster-admin" },
                Subjects = [new Subject { Kind = RbacNames.GroupKind, ApiGroup = RbacNames.Group, Name = "tenants" }] }]);

        Assert.Null(EscalationCheck.Confirm(snapshot, "carol", Groups, "", [Rule("*;*;*"), Rule("escalate,bind;rbac.authorization.k8s.io;clusterroles"), Rule("*;~;~;~;*")]));
        Assert.Equal("get", snapshot.RulesOf(new RoleRef { Kind = "Role", Name = "reader" }, "team-a")!.Single().Verbs.Single());
        Assert.Null(snapshot.RulesOf(new RoleRef { Kind = "Role", Name = "reader" }, "team-b"));
        Assert.Equal(2, snapshot.RulesOf(new RoleRef { Kind = "ClusterRole", Name = "cluster-admin" }, "team-b")!.Count);
    }
}
