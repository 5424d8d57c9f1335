using System.Net;
using System.Text;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Audit;
using EventOrch.Tests.Integration.Controllers;
using EventOrch.Tests.Integration.Cli;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Audit;

/// <summary>A real Api and the real Controllers host, with a person among the users: what the controllers do is
/// followed back to that person's request.</summary>
public sealed class AuditControllersFixture : ControllersFixture
{
    protected override IReadOnlyList<string> MoreUsers => [AuditApiServer.OpsAdmin];

    /// <summary>A client writing as <paramref name="user"/>, one of <see cref="MoreUsers"/>.</summary>
    public HttpClient ClientAs(string user) => CreateClient(TokenOf(user));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await BindClusterRoleAsync("ops-admin", "cluster-admin", AuditApiServer.OpsAdmin);
    }
}

/// <summary>why on the pods of a Deployment a person scaled: the chain goes through the replica set controller's create
/// and the deployment controller's scale of the ReplicaSet to the person's scale request.</summary>
public sealed class WhyControllerTests(AuditControllersFixture cluster) : IClassFixture<AuditControllersFixture>
{
    private static Deployment Web(int replicas) => TestReplicaSets.NewDeployment("web", replicas);

    [Fact]
    public async Task Why_on_a_pod_of_a_scaled_Deployment_reaches_the_users_scale_request()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("whyc");
        var deployments = $"/apis/apps/v1/namespaces/{ns}/deployments";
        var (code, _, created) = await cluster.Client.SendAsync<Deployment>(HttpMethod.Post, deployments, Web(1));
        Assert.True(code == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var before = await Eventually.WaitFor(() => cluster.Client.ListPodsAsync(ns), l => l.Items.Count == 1, "the first pod");

        using var ops = cluster.ClientAs(AuditApiServer.OpsAdmin);
        using var scale = new HttpRequestMessage(HttpMethod.Patch, $"{deployments}/web/scale")
        {
            Content = new StringContent("""{"spec":{"replicas":3}}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        scale.Headers.Add("X-Request-Id", "4f1e2a3b-scale-web");
        Assert.Equal(HttpStatusCode.OK, (await ops.SendAsync(scale)).StatusCode);
        var after = await Eventually.WaitFor(() => cluster.Client.ListPodsAsync(ns), l => l.Items.Count == 3, "three pods", TimeSpan.FromSeconds(60));
        var added = after.Items.Where(p => before.Items.All(b => b.Metadata.Uid != p.Metadata.Uid)).ToList();

        foreach (var pod in added)
        {
            var (_, chain, _) = await cluster.Client.SendAsync<CausalChain>(HttpMethod.Get, $"{ObjectClient.PodsPath(ns)}/{pod.Metadata.Name}/why");

            var told = string.Join("\n", chain!.Steps.Select(s => $"{s.Object.Kind}/{s.Object.Name} {s.Type} {s.Actor} {s.Verb} {s.Detail} rv={s.Object.ResourceVersion} cause={s.CausationId}"));
            Assert.True(chain.Steps[^1].Type == "DeploymentSpecChanged", told);
            Assert.Equal(CausalRoots.UserRequest, chain!.Root);
            Assert.Equal(("PodCreated", "replicaset-controller", "created"), (chain.Steps[0].Type, chain.Steps[0].Actor, chain.Steps[0].Verb));
            Assert.Contains(chain.Steps, s => s.Type == "ReplicaSetSpecChanged" && s.Actor == "deployment-controller"
                && s.Verb == "scaled" && s.Detail == "from 1 to 3");
            var root = chain.Steps[^1];
            Assert.Equal(("Deployment", "web", "DeploymentSpecChanged", AuditApiServer.OpsAdmin, "scaled", "from 1 to 3", "4f1e2a3b-scale-web"),
                (root.Object.Kind, root.Object.Name, root.Type, root.Actor, root.Verb, root.Detail, root.CorrelationId));
        }

        using var eoctl = new EoctlRunner(cluster);
        var said = await eoctl.RunAsync("why", $"pod/{added[0].Metadata.Name}", "-n", ns);
        Assert.True(said.ExitCode == 0, said.ToString());
        Assert.StartsWith($"pod {added[0].Metadata.Name} was created by replicaset-controller,\n  because ReplicaSet web-", said.Out);
        Assert.Contains("was scaled from 1 to 3 by deployment-controller,\n", said.Out);
        Assert.EndsWith("because ops-admin scaled Deployment web from 1 to 3 at " + said.Out.Split(" at ")[^1], said.Out);
        Assert.Contains("(request 4f1e2a3b...).", said.Out);
    }
}
