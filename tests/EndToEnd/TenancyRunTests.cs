using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.EndToEnd;

/// <summary>Several teams on the cluster ./eo up started: users made with eoctl, each an admin of its own namespace
/// through RBAC and refused everything in the other's (REST and kubectl), a quota that stops a Deployment at its
/// limit and says so in the Deployment's conditions, a pod's ServiceAccount token that can do what its Role allows and
/// nothing else, expired and revoked tokens, and every refusal on the record.</summary>
public sealed class TenancyRunTests : IAsyncLifetime
{
    private readonly HttpClient _admin = Cluster.AdminClient();
    private readonly List<string> _users = [];
    private readonly List<string> _namespaces = [];

    public Task InitializeAsync() => Task.CompletedTask;

    // The users and namespaces a test made go with it, so the long-lived cluster does not keep their pods running.
    public async Task DisposeAsync()
    {
        foreach (var user in _users) Cluster.Eoctl("users", "delete", user);
        foreach (var ns in _namespaces) (await _admin.DeleteAsync($"/api/v1/namespaces/{ns}")).Dispose();
        _admin.Dispose();
    }

    private async Task<string> NamespaceAsync()
    {
        var ns = await _admin.NewNamespaceAsync();
        _namespaces.Add(ns);
        return ns;
    }

    [Fact]
    public async Task Each_tenant_manages_its_own_namespace_and_is_refused_the_others_through_rest_and_kubectl()
    {
        var (alice, aliceToken, teamA) = await TenantAsync("alice");
        var (bob, bobToken, teamB) = await TenantAsync("bob");
        using var aliceClient = ClientOf(aliceToken);
        using var bobClient = ClientOf(bobToken);

        await Kubectl.Ok($"--token {aliceToken} apply -n {teamA} -f -", stdin: WebDeployment("web", 1));
        await Kubectl.Ok($"--token {aliceToken} rollout status deployment/web -n {teamA} --timeout=90s");
        var pods = await Kubectl.Ok($"--token {aliceToken} get pods -n {teamA} -o name");
        var pod = pods.Trim().Split('\n')[0]["pod/".Length..];

        var refused = await Kubectl.RunAsync($"--token {bobToken} get pods -n {teamA}");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains($"Error from server (Forbidden): pods is forbidden: User \"{bob}\" cannot list resource \"pods\" in API group \"\" in the namespace \"{teamA}\"",
            refused.Error);
        var root = await Kubectl.RunAsync($"--token {aliceToken} -n {teamA} create rolebinding root --clusterrole=cluster-admin --user={alice}");
        Assert.NotEqual(0, root.ExitCode);
        Assert.Contains($"user \"{alice}\"", root.Error);
        Assert.Contains("is attempting to grant RBAC permissions not currently held", root.Error);
        Assert.Equal("yes", (await Kubectl.Ok($"--token {aliceToken} auth can-i create deployments -n {teamA}")).Trim());
        Assert.Equal("no", (await Kubectl.RunAsync($"--token {aliceToken} auth can-i create deployments -n {teamB}")).Output.Trim());

        foreach (var (method, path, body) in new (HttpMethod, string, string?)[]
                 {
                     (HttpMethod.Get, $"/api/v1/namespaces/{teamA}/pods", null),
                     (HttpMethod.Get, $"/api/v1/namespaces/{teamA}/pods/{pod}", null),
                     (HttpMethod.Get, $"/api/v1/namespaces/{teamA}/pods?watch=true", null),
                     (HttpMethod.Get, $"/api/v1/namespaces/{teamA}/pods/{pod}/log", null),
                     (HttpMethod.Patch, $"/apis/apps/v1/namespaces/{teamA}/deployments/web/scale", """{"spec":{"replicas":5}}"""),
                     (HttpMethod.Delete, $"/apis/apps/v1/namespaces/{teamA}/deployments/web", null),
                     (HttpMethod.Post, $"/api/v1/namespaces/{teamA}/configmaps", """{"metadata":{"name":"intruder"}}"""),
                 })
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json");
            using var response = await bobClient.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} as {bob}: {(int)response.StatusCode}");
        }
        var web = (await _admin.SendAsync<Deployment>(HttpMethod.Get, $"/apis/apps/v1/namespaces/{teamA}/deployments/web")).Body!;
        Assert.Equal(1, web.Spec.Replicas);
        using var ownList = await bobClient.GetAsync($"/api/v1/namespaces/{teamB}/pods");
        Assert.Equal(HttpStatusCode.OK, ownList.StatusCode);

        var record = await Eventually.WaitFor(() => Task.FromResult(Cluster.Eoctl("audit", "--refused", "--user", bob, "--code", "403")),
            output => output.Split('\n').Count(l => l.Contains(teamA)) >= 7, "bob's seven refusals on the record");
        Assert.Contains("pods/log", record);
        Assert.Contains("deployments/scale.apps", record);
    }

    [Fact]
    public async Task A_quota_stops_a_deployment_at_its_limit_and_the_deployment_says_why()
    {
        var ns = await NamespaceAsync();
        var (code, _, quotaAnswer) = await _admin.SendAsync<JsonObject>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/resourcequotas",
            JsonNode.Parse("""{"metadata":{"name":"pods"},"spec":{"hard":{"pods":"2"}}}""")!.AsObject());
        Assert.True(code == HttpStatusCode.Created, await quotaAnswer.Content.ReadAsStringAsync());

        await Kubectl.Ok($"apply -n {ns} -f -", stdin: WebDeployment("web", 3));

        await _admin.ReadyPodsAsync(ns, pods => pods.Count == 2, "two pods Ready under a quota of two");
        var deployment = await Eventually.WaitFor(
            async () => (await _admin.SendAsync<Deployment>(HttpMethod.Get, $"/apis/apps/v1/namespaces/{ns}/deployments/web")).Body!,
            d => d.Status?.Conditions?.Any(c => c.Type == "ReplicaFailure" && c.Status == "True") == true, "ReplicaFailure on the Deployment");
        var failure = deployment.Status!.Conditions!.Single(c => c.Type == "ReplicaFailure");
        Assert.Equal("FailedCreate", failure.Reason);
        Assert.Contains("exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2", failure.Message);
        Assert.Equal(2, (await _admin.ListPodsAsync(ns)).Items.Count);
        var quota = await Eventually.WaitFor(
            async () => (await _admin.SendAsync<JsonObject>(HttpMethod.Get, $"/api/v1/namespaces/{ns}/resourcequotas/pods")).Body!,
            q => q["status"]?["used"]?["pods"]?.GetValue<string>() == "2", "status.used pods=2");
        Assert.Equal("2", quota["status"]!["hard"]!["pods"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pods_service_account_token_can_list_pods_in_its_namespace_when_a_role_allows_it_and_nothing_else()
    {
        var ns = await NamespaceAsync();
        var other = await NamespaceAsync();
        Assert.Equal($"serviceaccount/robot created", (await Kubectl.Ok($"create serviceaccount robot -n {ns}")).Trim());
        Assert.Contains("robot", await Kubectl.Ok($"get sa -n {ns}"));
        await _admin.PostJsonAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles",
            """{"metadata":{"name":"pod-reader"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get","list","watch"]}]}""");
        await _admin.PostJsonAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings",
            $$"""{"metadata":{"name":"pod-reader"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"pod-reader"},"subjects":[{"kind":"ServiceAccount","name":"default","namespace":"{{ns}}"}]}""");
        await _admin.PostJsonAsync($"/api/v1/namespaces/{ns}/pods", """
            {"metadata":{"name":"reader"},"spec":{"terminationGracePeriodSeconds":1,"containers":[{"name":"main","image":"eventorch/busybox:latest","imagePullPolicy":"IfNotPresent",
             "command":["sh","-c","cat /var/run/secrets/kubernetes.io/serviceaccount/token; echo; cat /var/run/secrets/kubernetes.io/serviceaccount/namespace; echo; exec sleep 3600"]}]}}
            """);

        var log = await Eventually.WaitFor(async () =>
        {
            using var response = await _admin.GetAsync($"/api/v1/namespaces/{ns}/pods/reader/log");
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "";
        }, text => text.Split('\n').Length >= 2 && text.Contains(ns), "the pod printing its token and namespace", TimeSpan.FromSeconds(90));
        var token = log.Split('\n')[0].Trim();
        using var pod = ClientOf(token);

        using var own = await pod.GetAsync($"/api/v1/namespaces/{ns}/pods");
        using var elsewhere = await pod.GetAsync($"/api/v1/namespaces/{other}/pods");
        using var secrets = await pod.GetAsync($"/api/v1/namespaces/{ns}/secrets");
        using var create = await pod.PostAsync($"/api/v1/namespaces/{ns}/configmaps", new StringContent("""{"metadata":{"name":"x"}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("\"reader\"", await own.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (elsewhere.StatusCode, secrets.StatusCode, create.StatusCode));

        (await _admin.DeleteAsync($"/api/v1/namespaces/{ns}/pods/reader")).Dispose();
        await Eventually.WaitFor(async () => (await pod.GetAsync($"/api/v1/namespaces/{ns}/pods")).StatusCode,
            c => c == HttpStatusCode.Unauthorized, "the token refused once its pod is gone", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task An_expired_or_revoked_token_is_refused_with_401()
    {
        var (user, token, ns) = await TenantAsync("carol");
        var shortLived = Cluster.Eoctl("tokens", "create", user, "--ttl", "3s").Trim();
        using var client = ClientOf(token);
        using var brief = ClientOf(shortLived);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/namespaces/{ns}/pods")).StatusCode);

        await Eventually.WaitFor(async () => (await brief.GetAsync($"/api/v1/namespaces/{ns}/pods")).StatusCode,
            c => c == HttpStatusCode.Unauthorized, "the three-second token refused once it expired");
        Cluster.Eoctl("tokens", "revoke", "--user", user);
        await Eventually.WaitFor(async () => (await client.GetAsync($"/api/v1/namespaces/{ns}/pods")).StatusCode,
            c => c == HttpStatusCode.Unauthorized, "the revoked token refused");
    }

    // A user made with eoctl, with a token, and admin of a namespace of its own.
    private async Task<(string User, string Token, string Namespace)> TenantAsync(string name)
    {
        var user = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 7)];
        Cluster.Eoctl("users", "create", user, "-g", "tenants");
        _users.Add(user);
        var token = Cluster.Eoctl("tokens", "create", user, "--ttl", "1h").Trim();
        var ns = await NamespaceAsync();
        await _admin.GrantNamespaceAdminAsync(ns, user);
        return (user, token, ns);
    }

    private static HttpClient ClientOf(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:8080") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string WebDeployment(string name, int replicas) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          replicas: {{replicas}}
          selector:
            matchLabels:
              app: {{name}}
          template:
            metadata:
              labels:
                app: {{name}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: httpd
                image: eventorch/busybox:latest
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"]
                ports:
                - name: http
                  containerPort: 8080
                readinessProbe:
                  httpGet:
                    port: 8080
                    path: /
                  periodSeconds: 1
        """;
}
