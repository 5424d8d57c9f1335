using System.Net;
using System.Text.Json;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Marten;

namespace EventOrch.Tests.Integration.Controllers;

/// <summary>The namespace controller in the real Controllers host against a real Api, with pods on a simulated node:
/// a deleted namespace is emptied kind by kind, its pods terminating gracefully, and removed once nothing is left.</summary>
public sealed class NamespaceControllerTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    // The namespace, or null once it is gone.
    private async Task<Namespace?> NamespaceAsync(string name)
    {
        var (code, body, _) = await cluster.Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Get, $"/api/v1/namespaces/{name}");
        return code == HttpStatusCode.OK ? body.Deserialize<Namespace>(Contracts.Serialization.KubeJson.Options) : null;
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_its_workloads_and_pods_then_the_namespace()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("nsdel");
        await cluster.Client.CreateReplicaSetAsync(TestReplicaSets.New("web", 3), ns);
        await cluster.Client.SendAsync<Service>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/services", new Service
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new ServiceSpec { Selector = new() { ["app"] = "web" }, Ports = [new ServicePort { Port = 80 }] },
        });
        await Eventually.WaitFor(async () => (await cluster.Client.ListPodsAsync(ns)).Items.Count(p => p.IsReady()), n => n == 3, "3 ready pods", Deadline);

        var (code, deleting, _) = await cluster.Client.SendAsync<Namespace>(HttpMethod.Delete, $"/api/v1/namespaces/{ns}");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(NamespacePhases.Terminating, deleting!.Status!.Phase);

        await Eventually.WaitFor(() => NamespaceAsync(ns), n => n is null, $"namespace {ns} to go", Deadline);
        Assert.Empty((await cluster.Client.ListPodsAsync(ns)).Items);
        await using var session = cluster.Store.QuerySession();
        var stream = await session.Events.FetchStreamAsync(Guid.Parse(deleting.Metadata.Uid!));
        var finalized = Assert.Single(stream, e => e.Data is NamespaceFinalized);
        Assert.Equal(ApiServer.ComponentUser, finalized.UserName);
        Assert.IsType<NamespaceDeleted>(stream[^1].Data);
    }

    [Fact]
    public async Task A_namespace_waits_for_the_finalizers_of_its_content_and_says_so()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("nsfin");
        var pod = ObjectClient.NewPod("held");
        await cluster.Client.CreatePodAsync(pod with { Metadata = pod.Metadata with { Finalizers = ["example.com/keep"] } }, ns);

        await cluster.Client.SendAsync<Namespace>(HttpMethod.Delete, $"/api/v1/namespaces/{ns}");

        var waiting = await Eventually.WaitFor(() => NamespaceAsync(ns),
            n => n?.Status?.Conditions?.Any(c => c.Type == NamespaceConditions.FinalizersRemaining && c.Status == "True") == true,
            "the namespace to report the finalizer", Deadline);
        var finalizers = waiting!.Status!.Conditions!.Single(c => c.Type == NamespaceConditions.FinalizersRemaining);
        Assert.Equal("Some content in the namespace has finalizers remaining: example.com/keep in 1 resource instances", finalizers.Message);
        var remaining = waiting.Status.Conditions!.Single(c => c.Type == NamespaceConditions.ContentRemaining);
        Assert.Equal("Some resources are remaining: pods. has 1 resource instances", remaining.Message);

        await cluster.Client.SendAsync<Pod>(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/pods/held", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        await Eventually.WaitFor(() => NamespaceAsync(ns), n => n is null, $"namespace {ns} to go", Deadline);
    }
}
