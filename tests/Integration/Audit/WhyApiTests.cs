using System.Net;
using System.Text;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Audit;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Audit;

/// <summary>GET .../{name}/why over a real Api: causation ids followed back to a user's request, or to where the record
/// says no more.</summary>
public sealed class WhyApiTests(AuditApiServer api) : IClassFixture<AuditApiServer>
{
    private HttpClient Client => api.Client;

    private async Task<CausalChain> WhyAsync(string path)
    {
        var (code, chain, response) = await Client.SendAsync<CausalChain>(HttpMethod.Get, path);
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return chain!;
    }

    [Fact]
    public async Task A_users_own_create_is_its_own_root_with_the_request_id()
    {
        var ns = await Client.CreateNamespaceAsync("why");
        using var ops = api.ClientAs(AuditApiServer.OpsAdmin);
        await ops.WriteAsync(HttpMethod.Post, ObjectClient.PodsPath(ns), ObjectClient.NewPod("solo"), requestId: "req-solo");

        var chain = await WhyAsync($"{ObjectClient.PodsPath(ns)}/solo/why");

        var step = Assert.Single(chain.Steps);
        Assert.Equal(CausalRoots.UserRequest, chain.Root);
        Assert.Equal(("PodCreated", AuditApiServer.OpsAdmin, AuditApiServer.OpsAdmin, "created", "req-solo", false),
            (step.Type, step.User, step.Actor, step.Verb, step.CorrelationId, step.ByComponent));
        Assert.Contains("req-solo", chain.Message);
        Assert.Equal(("Pod", ns, "solo"), (chain.Object.Kind, chain.Object.Namespace, chain.Object.Name));
    }

    [Fact]
    public async Task A_chosen_event_is_followed_through_its_causes_across_objects_to_the_user()
    {
        var ns = await Client.CreateNamespaceAsync("why");
        await Client.RegisterAsync(TestNodes.New("why-node-1"));
        var created = await Client.CreatePodAsync(ObjectClient.NewPod("web"), ns);
        var createdEvent = (await WhyAsync($"{ObjectClient.PodsPath(ns)}/web/why")).Steps[0].EventId;
        using var scheduler = api.ClientAs(AuditApiServer.Scheduler);
        await scheduler.WriteAsync(HttpMethod.Post, $"{ObjectClient.PodsPath(ns)}/web/binding",
            new Binding { Metadata = new ObjectMeta { Name = "web" }, Target = new ObjectReference { Kind = "Node", Name = "why-node-1" } }, createdEvent);
        var (_, bound, _) = await Client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath(ns)}/web");

        var chain = await WhyAsync($"{ObjectClient.PodsPath(ns)}/web/why?resourceVersion={bound!.Metadata.ResourceVersion}");

        Assert.Equal(CausalRoots.UserRequest, chain.Root);
        Assert.Equal(["PodBound", "PodCreated"], chain.Steps.Select(s => s.Type));
        Assert.Equal(("default-scheduler", "bound", "to node why-node-1"), (chain.Steps[0].Actor, chain.Steps[0].Verb, chain.Steps[0].Detail));
        Assert.Equal(createdEvent, chain.Steps[0].CausationId);
        Assert.Equal(ApiServer.AdminUser, chain.Steps[1].Actor);
        Assert.Equal(created.Metadata.ResourceVersion, chain.Steps[1].Object.ResourceVersion);
    }

    [Fact]
    public async Task A_components_write_without_a_cause_and_a_cause_not_in_the_record_are_said_so()
    {
        var ns = await Client.CreateNamespaceAsync("why");
        using var component = api.CreateClient(api.ComponentToken);
        await component.CreatePodAsync(ObjectClient.NewPod("listed"), ns);
        await component.WriteAsync(HttpMethod.Post, ObjectClient.PodsPath(ns), ObjectClient.NewPod("orphan"), causation: Guid.NewGuid().ToString());

        var uncaused = await WhyAsync($"{ObjectClient.PodsPath(ns)}/listed/why");
        var lost = await WhyAsync($"{ObjectClient.PodsPath(ns)}/orphan/why");

        Assert.Equal(CausalRoots.NoRecordedCause, uncaused.Root);
        Assert.True(Assert.Single(uncaused.Steps).ByComponent);
        Assert.Equal(CausalRoots.CauseNotFound, lost.Root);
        Assert.Single(lost.Steps);
    }

    [Fact]
    public async Task A_resource_version_that_is_not_one_of_the_objects_events_is_a_bad_request()
    {
        var ns = await Client.CreateNamespaceAsync("why");
        await Client.CreatePodAsync(ObjectClient.NewPod("p"), ns);

        var (notNumber, notNumberStatus, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"{ObjectClient.PodsPath(ns)}/p/why?resourceVersion=abc");
        var (notOurs, notOursStatus, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"{ObjectClient.PodsPath(ns)}/p/why?resourceVersion=1");
        var (missing, _, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"{ObjectClient.PodsPath(ns)}/nothing/why");

        Assert.Equal((HttpStatusCode.BadRequest, "resourceVersion"), (notNumber, notNumberStatus!.Details!.Causes![0].Field));
        Assert.Equal((HttpStatusCode.BadRequest, "resourceVersion"), (notOurs, notOursStatus!.Details!.Causes![0].Field));
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Fact]
    public async Task A_cause_that_is_a_workloads_status_write_is_followed_to_the_change_the_status_followed()
    {
        var ns = await Client.CreateNamespaceAsync("why");
        var deployments = $"/apis/apps/v1/namespaces/{ns}/deployments";
        var template = new PodTemplateSpec
        {
            Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
            Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "eventorch/busybox:latest" }] },
        };
        await Client.WriteAsync(HttpMethod.Post, deployments, new Deployment
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new DeploymentSpec { Replicas = 1, Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } }, Template = template },
        });
        var createdEvent = (await WhyAsync($"{deployments}/web/why")).Steps[0].EventId;
        using var ops = api.ClientAs(AuditApiServer.OpsAdmin);
        using var scale = new HttpRequestMessage(HttpMethod.Patch, $"{deployments}/web/scale")
        {
            Content = new StringContent("""{"spec":{"replicas":2}}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        Assert.Equal(HttpStatusCode.OK, (await ops.SendAsync(scale)).StatusCode);
        // The controller's status write names the event it last saw (the create), and is then the Deployment's latest.
        using var component = api.CreateClient(api.ComponentToken);
        var (_, current, _) = await Client.SendAsync<Deployment>(HttpMethod.Get, $"{deployments}/web");
        await component.WriteAsync(HttpMethod.Put, $"{deployments}/web/status", current! with { Status = new DeploymentStatus { ObservedGeneration = 2 } }, createdEvent);
        var statusEvent = (await WhyAsync($"{deployments}/web/why?resourceVersion={(await Client.SendAsync<Deployment>(HttpMethod.Get, $"{deployments}/web")).Body!.Metadata.ResourceVersion}")).Steps[0].EventId;
        await component.WriteAsync(HttpMethod.Post, $"/apis/apps/v1/namespaces/{ns}/replicasets", new ReplicaSet
        {
            Metadata = new ObjectMeta
            {
                Name = "web-1",
                OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web", Uid = current.Metadata.Uid!, Controller = true }],
            },
            Spec = new ReplicaSetSpec { Replicas = 2, Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } }, Template = template },
        }, statusEvent);

        var chain = await WhyAsync($"/apis/apps/v1/namespaces/{ns}/replicasets/web-1/why");

        Assert.Equal(CausalRoots.UserRequest, chain.Root);
        Assert.Equal(["ReplicaSetCreated", "DeploymentSpecChanged"], chain.Steps.Select(s => s.Type));
        Assert.Equal(("deployment-controller", statusEvent), (chain.Steps[0].Actor, chain.Steps[0].CausationId));
        Assert.Contains("DeploymentStatusChanged", chain.Steps[0].Note);
        Assert.Equal((AuditApiServer.OpsAdmin, "scaled", "from 1 to 2"), (chain.Steps[1].Actor, chain.Steps[1].Verb, chain.Steps[1].Detail));
    }
}
