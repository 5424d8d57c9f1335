using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Authorization;

/// <summary>Two tenants on one Api: each works in its own namespace, and everything aimed at the other's is refused with
/// Kubernetes' 403 and changes nothing.</summary>
public sealed class RbacApiTests(RbacApiServer api) : IClassFixture<RbacApiServer>
{
    private const string TeamA = RbacApiServer.TeamA;

    private static string ConfigMaps(string ns) => $"/api/v1/namespaces/{ns}/configmaps";

    private static ConfigMap Map(string name) => new() { Metadata = new ObjectMeta { Name = name }, Data = new() { ["k"] = "v" } };

    [Fact]
    public async Task A_tenant_creates_lists_gets_watches_patches_and_deletes_in_its_own_namespace()
    {
        using var alice = api.ClientAs(RbacApiServer.Alice);
        var name = $"own-{Guid.NewGuid():N}"[..12];

        var (created, _, createResponse) = await alice.SendAsync<ConfigMap>(HttpMethod.Post, ConfigMaps(TeamA), Map(name));
        Assert.True(created == HttpStatusCode.Created, await createResponse.Content.ReadAsStringAsync());
        var (listed, list, _) = await alice.SendAsync<ObjectList<ConfigMap>>(HttpMethod.Get, ConfigMaps(TeamA));
        var (got, _, _) = await alice.SendAsync<ConfigMap>(HttpMethod.Get, $"{ConfigMaps(TeamA)}/{name}");
        await using (var watch = await WatchClient.OpenAsync(alice, $"{ConfigMaps(TeamA)}?watch=1"))
        {
            Assert.Equal(HttpStatusCode.OK, watch.Response.StatusCode);
            Assert.Contains(name, (await watch.NextAsync()).Name ?? "", StringComparison.Ordinal);
        }
        var (patched, _, _) = await alice.SendAsync<ConfigMap>(HttpMethod.Patch, $"{ConfigMaps(TeamA)}/{name}", "{\"data\":{\"k\":\"w\"}}",
            "application/merge-patch+json");
        var (deleted, _, _) = await alice.SendAsync<Status>(HttpMethod.Delete, $"{ConfigMaps(TeamA)}/{name}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (listed, got, patched, deleted));
        Assert.Contains(list!.Items, m => m.Metadata.Name == name);
    }

    [Theory]
    [InlineData("GET", "/api/v1/namespaces/team-a/pods", "pods is forbidden: User \"bob\" cannot list resource \"pods\" in API group \"\" in the namespace \"team-a\"")]
    [InlineData("GET", "/api/v1/namespaces/team-a/pods/web", "pods \"web\" is forbidden: User \"bob\" cannot get resource \"pods\" in API group \"\" in the namespace \"team-a\"")]
    [InlineData("GET", "/api/v1/namespaces/team-a/pods?watch=1", "pods is forbidden: User \"bob\" cannot watch resource \"pods\" in API group \"\" in the namespace \"team-a\"")]
    [InlineData("GET", "/api/v1/namespaces/team-a/pods/web/status", "pods \"web\" is forbidden: User \"bob\" cannot get resource \"pods/status\" in API group \"\" in the namespace \"team-a\"")]
    [InlineData("GET", "/api/v1/namespaces/team-a/pods/web/log", "pods \"web\" is forbidden: User \"bob\" cannot get resource \"pods/log\" in API group \"\" in the namespace \"team-a\"")]
    [InlineData("GET", "/apis/apps/v1/namespaces/team-a/deployments/web/scale", "deployments.apps \"web\" is forbidden: User \"bob\" cannot get resource \"deployments/scale\" in API group \"apps\" in the namespace \"team-a\"")]
    [InlineData("PUT", "/apis/apps/v1/namespaces/team-a/deployments/web/scale", "deployments.apps \"web\" is forbidden: User \"bob\" cannot update resource \"deployments/scale\" in API group \"apps\" in the namespace \"team-a\"")]
    [InlineData("DELETE", "/api/v1/namespaces/team-a/pods/web", "pods \"web\" is forbidden: User \"bob\" cannot delete resource \"pods\" in API group \"\" in the namespace \"team-a\"")]
    [InlineData("POST", "/api/v1/namespaces/team-a/configmaps", "configmaps is forbidden: User \"bob\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"team-a\"")]
    [InlineData("GET", "/api/v1/namespaces", "namespaces is forbidden: User \"bob\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope")]
    [InlineData("GET", "/api/v1/pods", "pods is forbidden: User \"bob\" cannot list resource \"pods\" in API group \"\" at the cluster scope")]
    public async Task The_other_tenants_namespace_is_forbidden_and_nothing_changes(string method, string path, string message)
    {
        await EnsureTeamAPodAsync();
        using var bob = api.ClientAs(RbacApiServer.Bob);
        var before = await api.EventCountAsync();

        var body = method is "POST" or "PUT" ? "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"},\"spec\":{\"replicas\":9}}" : null;
        var (code, status, _) = await bob.SendAsync<Status>(new HttpMethod(method), path, body);

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal((StatusReasons.Forbidden, message), (status!.Reason, status.Message));
        Assert.Equal(before, await api.EventCountAsync());
        var (_, pod, _) = await api.Client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath(TeamA)}/web");
        Assert.Null(pod!.Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task A_user_bound_in_no_namespace_may_do_nothing_but_discover_and_review_itself()
    {
        using var carol = api.ClientAs("carol");

        var (pods, _, _) = await carol.SendAsync<Status>(HttpMethod.Get, ObjectClient.PodsPath(TeamA));
        var (discovery, _, _) = await carol.SendAsync<object>(HttpMethod.Get, "/apis");
        var (review, answer, _) = await carol.SendAsync<Contracts.Model.Rbac.SelfSubjectAccessReview>(HttpMethod.Post,
            "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
            "{\"spec\":{\"resourceAttributes\":{\"namespace\":\"team-a\",\"verb\":\"list\",\"resource\":\"pods\"}}}");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Created), (pods, discovery, review));
        Assert.False(answer!.Status!.Allowed);
    }

    [Fact]
    public async Task A_binding_takes_effect_on_the_next_request_and_its_removal_too()
    {
        using var carol = api.ClientAs("carol");
        var path = ConfigMaps(RbacApiServer.TeamB);

        await api.BindRoleAsync(RbacApiServer.TeamB, "carol-view", "ClusterRole", "view", "carol");
        var (granted, _, _) = await carol.SendAsync<object>(HttpMethod.Get, path);
        await api.Client.SendAsync<Status>(HttpMethod.Delete, $"/apis/rbac.authorization.k8s.io/v1/namespaces/{RbacApiServer.TeamB}/rolebindings/carol-view");
        var (revoked, _, _) = await carol.SendAsync<Status>(HttpMethod.Get, path);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (granted, revoked));
    }

    [Fact]
    public async Task A_binding_keeps_its_role_ref_and_says_so_naming_the_field()
    {
        var path = $"/apis/rbac.authorization.k8s.io/v1/namespaces/{TeamA}/rolebindings/alice-edit";
        var before = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, path, "{\"roleRef\":{\"name\":\"admin\"}}", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("roleRef", Assert.Single(status!.Details!.Causes!).Field);
        Assert.Contains("cannot change roleRef", status.Message, StringComparison.Ordinal);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_rule_without_verbs_is_invalid()
    {
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, $"/apis/rbac.authorization.k8s.io/v1/namespaces/{TeamA}/roles",
            "{\"metadata\":{\"name\":\"empty\"},\"rules\":[{\"apiGroups\":[\"\"],\"resources\":[\"pods\"]}]}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Role \"empty\" is invalid: rules[0].verbs: Required value: verbs must contain at least one value", status!.Message);
    }

    [Fact]
    public async Task The_default_roles_are_bootstrapped_labelled_and_annotated()
    {
        var (code, view, _) = await api.Client.SendAsync<Contracts.Model.Rbac.ClusterRole>(HttpMethod.Get, "/apis/rbac.authorization.k8s.io/v1/clusterroles/view");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("rbac-defaults", view!.Metadata.Labels!["kubernetes.io/bootstrapping"]);
        Assert.Equal("true", view.Metadata.Annotations!["rbac.authorization.kubernetes.io/autoupdate"]);
        Assert.Equal("true", view.AggregationRule!.ClusterRoleSelectors![0].MatchLabels!["rbac.authorization.k8s.io/aggregate-to-view"]);
    }

    private async Task EnsureTeamAPodAsync()
    {
        var (code, _, _) = await api.Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Get, $"{ObjectClient.PodsPath(TeamA)}/web");
        if (code == HttpStatusCode.NotFound) await api.Client.SendAsync<Pod>(HttpMethod.Post, ObjectClient.PodsPath(TeamA), ObjectClient.NewPod("web"));
    }
}
