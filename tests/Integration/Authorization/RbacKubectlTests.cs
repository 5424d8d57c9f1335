using System.Net;
using EventOrch.Tests.Support;
using k8s;
using k8s.Autorest;

namespace EventOrch.Tests.Integration.Authorization;

/// <summary>The tenants through the real kubectl and the official .NET client: refusals as Kubernetes words them, and
/// <c>kubectl auth can-i</c> answering from the RBAC policy.</summary>
public sealed class RbacKubectlTests(RbacApiServer api) : IClassFixture<RbacApiServer>
{
    private Task<KubectlProcess.Result> AsAlice(params string[] arguments) => api.KubectlAsync(["--token", api.TokenOf(RbacApiServer.Alice), .. arguments]);

    [Fact]
    public async Task Kubectl_get_in_the_other_tenants_namespace_prints_kubernetes_forbidden_error()
    {
        var result = await AsAlice("get", "pods", "-n", RbacApiServer.TeamB);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Error from server (Forbidden): pods is forbidden: User \"alice\" cannot list resource \"pods\" in API group \"\" in the namespace \"team-b\"",
            result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubectl_auth_whoami_shows_the_user_and_its_groups()
    {
        var result = await AsAlice("auth", "whoami", "-o", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        var review = System.Text.Json.Nodes.JsonNode.Parse(result.Output)!;
        Assert.Equal(("authentication.k8s.io/v1", "SelfSubjectReview"), (review["apiVersion"]!.GetValue<string>(), review["kind"]!.GetValue<string>()));
        Assert.Equal(RbacApiServer.Alice, review["status"]!["userInfo"]!["username"]!.GetValue<string>());
        Assert.Contains("system:authenticated", review["status"]!["userInfo"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        var table = await AsAlice("auth", "whoami");
        Assert.Matches(@"Username\s+alice", table.Output);
    }

    [Fact]
    public async Task A_self_subject_review_answers_json_with_the_service_accounts_groups()
    {
        using var component = api.CreateClient(api.ComponentToken);
        using var response = await component.PostAsync("/apis/authentication.k8s.io/v1/selfsubjectreviews",
            new StringContent("""{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var review = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!["userInfo"]!;
        Assert.Equal(ApiServer.ComponentUser, review["username"]!.GetValue<string>());
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"],
            review["groups"]!.AsArray().Select(g => g!.GetValue<string>()).ToArray());
    }

    [Theory]
    [InlineData("create pods -n team-a", "yes", 0)]
    [InlineData("create pods -n team-b", "no", 1)]
    [InlineData("get pods/log -n team-a", "yes", 0)]
    [InlineData("update deployments.apps/scale -n team-a", "yes", 0)]
    [InlineData("list namespaces", "no", 1)]
    [InlineData("create rolebindings.rbac.authorization.k8s.io -n team-a", "no", 1)]
    public async Task Kubectl_auth_can_i_answers_from_the_policy(string question, string answer, int exitCode)
    {
        var result = await AsAlice(["auth", "can-i", .. question.Split(' ')]);

        Assert.Equal((exitCode, answer), (result.ExitCode, result.Output.Trim()));
    }

    [Fact]
    public async Task Kubectl_auth_can_i_list_shows_the_rules_in_a_namespace()
    {
        var result = await AsAlice("auth", "can-i", "--list", "-n", RbacApiServer.TeamA);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("pods ", StringComparison.Ordinal) && l.Contains("create", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("selfsubjectaccessreviews.authorization.k8s.io", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Kubectl_creates_roles_and_bindings_and_prints_them()
    {
        var ns = RbacApiServer.TeamA;
        await api.KubectlOkAsync("create", "role", "pod-reader", "--verb=get,list", "--resource=pods", "-n", ns);
        await api.KubectlOkAsync("create", "rolebinding", "carol-reads", "--role=pod-reader", "--user=carol", "-n", ns);
        await api.KubectlOkAsync("create", "clusterrole", "node-reader", "--verb=get,list", "--resource=nodes");
        await api.KubectlOkAsync("create", "clusterrolebinding", "carol-nodes", "--clusterrole=node-reader", "--user=carol");

        var roles = await api.KubectlOkAsync("get", "roles", "-n", ns);
        var bindings = await api.KubectlOkAsync("get", "rolebindings", "-n", ns, "-o", "wide");
        using var carol = api.ClientAs("carol");
        var (pods, _, _) = await carol.SendAsync<object>(HttpMethod.Get, ObjectClient.PodsPath(ns));
        var (nodes, _, _) = await carol.SendAsync<object>(HttpMethod.Get, "/api/v1/nodes");
        var (deployments, _, _) = await carol.SendAsync<object>(HttpMethod.Get, $"/apis/apps/v1/namespaces/{ns}/deployments");

        Assert.Equal(["NAME", "CREATED", "AT"], roles.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(bindings.Split('\n'), l => l.StartsWith("carol-reads", StringComparison.Ordinal) && l.Contains("Role/pod-reader", StringComparison.Ordinal)
            && l.Contains("carol", StringComparison.Ordinal));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden), (pods, nodes, deployments));
    }

    [Fact]
    public async Task The_kubernetes_client_gets_a_403_for_the_other_tenant()
    {
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = api.BaseAddress.ToString(), AccessToken = api.TokenOf(RbacApiServer.Alice) });

        var own = await client.CoreV1.ListNamespacedPodAsync(RbacApiServer.TeamA);
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedPodAsync(RbacApiServer.TeamB));

        Assert.NotNull(own.Items);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Response.StatusCode);
        Assert.Equal("pods is forbidden: User \"alice\" cannot list resource \"pods\" in API group \"\" in the namespace \"team-b\"",
            System.Text.Json.Nodes.JsonNode.Parse(refused.Response.Content)!["message"]!.GetValue<string>());
    }
}
