using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Rbac;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Authorization;

/// <summary>Privilege escalation through RBAC, refused as Kubernetes refuses it: a namespace admin may write Roles and
/// RoleBindings, but grant only what it holds itself, unless it may escalate or bind; system:masters may do anything.</summary>
public sealed class RbacEscalationTests(EscalationApiServer api) : IClassFixture<EscalationApiServer>
{
    private const string TeamC = EscalationApiServer.TeamC;
    private const string Rbac = "/apis/rbac.authorization.k8s.io/v1";
    private const string NotHeld = "is attempting to grant RBAC permissions not currently held:\n";

    private static string Roles(string ns) => $"{Rbac}/namespaces/{ns}/roles";
    private static string RoleBindings(string ns) => $"{Rbac}/namespaces/{ns}/rolebindings";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static PolicyRule Rule(string[] verbs, string group, string resource, params string[] names) =>
        new() { Verbs = [.. verbs], ApiGroups = [group], Resources = [resource], ResourceNames = names.Length > 0 ? [.. names] : null };

    private static Role Role(string name, params PolicyRule[] rules) => new() { Metadata = new ObjectMeta { Name = name }, Rules = [.. rules] };

    private static RoleBinding Binding(string name, string roleKind, string role, string user) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        RoleRef = new RoleRef { ApiGroup = RbacNames.Group, Kind = roleKind, Name = role },
        Subjects = [new Subject { Kind = RbacNames.UserKind, ApiGroup = RbacNames.Group, Name = user }],
    };

    private static string Refusal(string resource, string name, string user, params string[] missing) =>
        $"{resource}.rbac.authorization.k8s.io \"{name}\" is forbidden: user \"{user}\" (groups=[\"system:authenticated\"]) {NotHeld}{string.Join("\n", missing)}";

    private const string AllResources = "{APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]}";
    private const string AllUrls = "{NonResourceURLs:[\"*\"], Verbs:[\"*\"]}";
    private const string UpdateQuotas = "{APIGroups:[\"\"], Resources:[\"resourcequotas\"], Verbs:[\"update\"]}";

    [Fact]
    public async Task A_namespace_admin_creates_a_role_with_rules_it_holds_and_binds_it()
    {
        using var dana = api.ClientAs(EscalationApiServer.Dana);
        var role = Unique("reader");

        var (created, _, createResponse) = await dana.SendAsync<Role>(HttpMethod.Post, Roles(TeamC),
            Role(role, Rule(["get", "list"], "", "pods"), Rule(["update"], "", "configmaps", "settings")));
        var (bound, _, bindResponse) = await dana.SendAsync<RoleBinding>(HttpMethod.Post, RoleBindings(TeamC), Binding(Unique("grace"), "Role", role, EscalationApiServer.Grace));
        var (edit, _, editResponse) = await dana.SendAsync<RoleBinding>(HttpMethod.Post, RoleBindings(TeamC), Binding(Unique("grace-edit"), "ClusterRole", "edit", EscalationApiServer.Grace));

        Assert.True(created == HttpStatusCode.Created, await createResponse.Content.ReadAsStringAsync());
        Assert.True(bound == HttpStatusCode.Created, await bindResponse.Content.ReadAsStringAsync());
        Assert.True(edit == HttpStatusCode.Created, await editResponse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_namespace_admin_cannot_bind_cluster_admin_in_its_namespace_and_nothing_is_stored()
    {
        using var dana = api.ClientAs(EscalationApiServer.Dana);
        var before = await api.EventCountAsync();

        var (code, status, _) = await dana.SendAsync<Status>(HttpMethod.Post, RoleBindings(TeamC), Binding("dana-root", "ClusterRole", "cluster-admin", EscalationApiServer.Dana));
        var (dryRun, dryStatus, _) = await dana.SendAsync<Status>(HttpMethod.Post, $"{RoleBindings(TeamC)}?dryRun=All",
            Binding("dana-root", "ClusterRole", "cluster-admin", EscalationApiServer.Dana));
        var (got, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, $"{RoleBindings(TeamC)}/dana-root");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NotFound), (code, dryRun, got));
        Assert.Equal((StatusReasons.Forbidden, Refusal("rolebindings", "dana-root", EscalationApiServer.Dana, AllResources, AllUrls)), (status!.Reason, status.Message));
        Assert.Equal(status.Message, dryStatus!.Message);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_namespace_admin_cannot_create_or_widen_a_role_to_grant_what_it_does_not_hold()
    {
        using var dana = api.ClientAs(EscalationApiServer.Dana);
        var harmless = Unique("harmless");
        var (created, _, _) = await dana.SendAsync<Role>(HttpMethod.Post, Roles(TeamC), Role(harmless, Rule(["get"], "", "pods")));
        var before = await api.EventCountAsync();

        var (code, status, _) = await dana.SendAsync<Status>(HttpMethod.Post, Roles(TeamC), Role("quota-raiser", Rule(["update"], "", "resourcequotas")));
        var (widened, widenStatus, _) = await dana.SendAsync<Status>(HttpMethod.Patch, $"{Roles(TeamC)}/{harmless}",
            "{\"rules\":[{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],\"resources\":[\"pods\"]},{\"verbs\":[\"update\"],\"apiGroups\":[\"\"],\"resources\":[\"resourcequotas\"]}]}",
            "application/merge-patch+json");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (created, code, widened));
        Assert.Equal(Refusal("roles", "quota-raiser", EscalationApiServer.Dana, UpdateQuotas), status!.Message);
        Assert.Equal(Refusal("roles", harmless, EscalationApiServer.Dana, UpdateQuotas), widenStatus!.Message);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_binding_of_a_role_that_does_not_exist_is_not_found_for_whoever_may_not_bind_it()
    {
        using var dana = api.ClientAs(EscalationApiServer.Dana);

        var (code, status, _) = await dana.SendAsync<Status>(HttpMethod.Post, RoleBindings(TeamC), Binding(Unique("ghost"), "Role", "no-such-role", EscalationApiServer.Grace));
        var (admin, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, RoleBindings(TeamC), Binding(Unique("ghost"), "Role", "no-such-role", EscalationApiServer.Grace));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Created), (code, admin));
        Assert.Equal("roles.rbac.authorization.k8s.io \"no-such-role\" not found", status!.Message);
    }

    [Fact]
    public async Task Bind_and_escalate_let_a_namespace_admin_grant_what_it_does_not_hold_within_their_resource_names()
    {
        using var erin = api.ClientAs(EscalationApiServer.Erin);
        var (refusedBinding, _, _) = await erin.SendAsync<Status>(HttpMethod.Post, RoleBindings(TeamC), Binding(Unique("root"), "ClusterRole", "cluster-admin", EscalationApiServer.Erin));
        var (refusedRole, _, _) = await erin.SendAsync<Status>(HttpMethod.Post, Roles(TeamC), Role(Unique("quotas"), Rule(["update"], "", "resourcequotas")));

        var delegation = Unique("delegate");
        await api.Client.SendAsync<Role>(HttpMethod.Post, Roles(TeamC), Role(delegation,
            Rule(["bind"], RbacNames.Group, "clusterroles", "cluster-admin"), Rule(["escalate"], RbacNames.Group, "roles")));
        await api.BindRoleAsync(TeamC, delegation, "Role", delegation, EscalationApiServer.Erin);

        var (bound, _, boundResponse) = await erin.SendAsync<RoleBinding>(HttpMethod.Post, RoleBindings(TeamC), Binding(Unique("root"), "ClusterRole", "cluster-admin", EscalationApiServer.Grace));
        var (otherRole, otherStatus, _) = await erin.SendAsync<Status>(HttpMethod.Post, RoleBindings(TeamC),
            Binding("controllers", "ClusterRole", "system:eventorch:controllers", EscalationApiServer.Grace));
        var (escalated, _, escalatedResponse) = await erin.SendAsync<Role>(HttpMethod.Post, Roles(TeamC), Role(Unique("quotas"), Rule(["update"], "", "resourcequotas")));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (refusedBinding, refusedRole));
        Assert.True(bound == HttpStatusCode.Created, await boundResponse.Content.ReadAsStringAsync());
        Assert.True(escalated == HttpStatusCode.Created, await escalatedResponse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, otherRole);
        Assert.StartsWith($"rolebindings.rbac.authorization.k8s.io \"controllers\" is forbidden: user \"erin\" (groups=[\"system:authenticated\"]) {NotHeld}",
            otherStatus!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_role_writer_grants_only_what_it_holds_everywhere_and_aggregation_needs_every_permission()
    {
        var writer = Unique("writer");
        await api.Client.SendAsync<ClusterRole>(HttpMethod.Post, $"{Rbac}/clusterroles", new ClusterRole
        {
            Metadata = new ObjectMeta { Name = writer },
            Rules = [Rule(["create", "update", "get"], RbacNames.Group, "clusterroles"), Rule(["get", "list"], "", "nodes")],
        });
        var user = EscalationApiServer.Grace;
        await api.BindClusterRoleAsync(writer, writer, user);
        using var grace = api.ClientAs(user);
        ClusterRole Reader(string name, AggregationRule? aggregation = null) =>
            new() { Metadata = new ObjectMeta { Name = name }, Rules = [Rule(["get"], "", "nodes")], AggregationRule = aggregation };
        var aggregation = new AggregationRule { ClusterRoleSelectors = [new LabelSelectorSpec { MatchLabels = new() { ["x"] = "y" } }] };

        var held = Unique("node-reader");
        var (created, _, createResponse) = await grace.SendAsync<ClusterRole>(HttpMethod.Post, $"{Rbac}/clusterroles", Reader(held));
        var (pods, podsStatus, _) = await grace.SendAsync<Status>(HttpMethod.Post, $"{Rbac}/clusterroles",
            new ClusterRole { Metadata = new ObjectMeta { Name = "pod-reader" }, Rules = [Rule(["get"], "", "pods")] });
        var (aggregated, aggregatedStatus, _) = await grace.SendAsync<Status>(HttpMethod.Post, $"{Rbac}/clusterroles", Reader("aggregated", aggregation));
        var (byAdmin, _, _) = await api.Client.SendAsync<ClusterRole>(HttpMethod.Post, $"{Rbac}/clusterroles", Reader(Unique("aggregated"), aggregation));

        Assert.True(created == HttpStatusCode.Created, await createResponse.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Created), (pods, aggregated, byAdmin));
        Assert.Equal($"clusterroles.rbac.authorization.k8s.io \"pod-reader\" is forbidden: user \"grace\" (groups=[\"system:authenticated\"]) {NotHeld}"
            + "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"get\"]}", podsStatus!.Message);
        Assert.Equal("clusterroles.rbac.authorization.k8s.io \"aggregated\" is forbidden: must have cluster-admin privileges to use the aggregationRule",
            aggregatedStatus!.Message);
    }

    [Fact]
    public async Task The_cluster_admin_may_bind_and_write_anything()
    {
        var (binding, _, _) = await api.Client.SendAsync<RoleBinding>(HttpMethod.Post, RoleBindings(TeamC), Binding(Unique("root"), "ClusterRole", "cluster-admin", "someone"));
        var (clusterBinding, _, _) = await api.Client.SendAsync<ClusterRoleBinding>(HttpMethod.Post, $"{Rbac}/clusterrolebindings", new ClusterRoleBinding
        {
            Metadata = new ObjectMeta { Name = Unique("root") },
            RoleRef = new RoleRef { ApiGroup = RbacNames.Group, Kind = "ClusterRole", Name = "cluster-admin" },
            Subjects = [new Subject { Kind = RbacNames.UserKind, ApiGroup = RbacNames.Group, Name = "someone" }],
        });
        var (role, _, _) = await api.Client.SendAsync<Role>(HttpMethod.Post, Roles(TeamC), Role(Unique("all"), Rule(["*"], "*", "*")));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created), (binding, clusterBinding, role));
    }

    [Fact]
    public async Task Kubectl_create_rolebinding_of_cluster_admin_as_a_tenant_prints_kubernetes_forbidden_error()
    {
        var result = await api.KubectlAsync("--token", api.TokenOf(EscalationApiServer.Dana), "create", "rolebinding", "dana-kubectl-root",
            "--clusterrole=cluster-admin", "--user=dana", "-n", TeamC);

        Assert.NotEqual(0, result.ExitCode);
        // kubectl create rolebinding words a server error its own way, around Kubernetes' message.
        Assert.Equal($"error: failed to create rolebinding: {Refusal("rolebindings", "dana-kubectl-root", EscalationApiServer.Dana, AllResources, AllUrls)}",
            result.Error.Trim());
    }
}
