using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Controllers;

/// <summary>The endpoints controller in the real Controllers host: a Service's Endpoints follow its pods on the
/// simulated node (their node address and published host port), and go with the Service.</summary>
public sealed class EndpointsControllerTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>
{
    private async Task<string> NamespaceAsync()
    {
        var ns = $"ep-{Guid.NewGuid():N}"[..12];
        await cluster.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } });
        return ns;
    }

    private Task<Endpoints?> EndpointsAsync(string ns, string name, Func<Endpoints?, bool> done, string what) =>
        Eventually.WaitFor(async () => (await cluster.Client.SendAsync<ObjectList<Endpoints>>(HttpMethod.Get, $"/api/v1/namespaces/{ns}/endpoints")).Body!
            .Items.FirstOrDefault(e => e.Metadata.Name == name), done, what, TimeSpan.FromSeconds(30));

    private static int Ready(Endpoints? e) => e?.Subsets?.Sum(s => s.Addresses?.Count ?? 0) ?? 0;

    [Fact]
    public async Task A_services_endpoints_follow_its_ready_pods_on_their_published_ports_and_go_with_it()
    {
        var ns = await NamespaceAsync();
        var (created, _, response) = await cluster.Client.SendAsync<ReplicaSet>(HttpMethod.Post, $"/apis/apps/v1/namespaces/{ns}/replicasets", new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new ReplicaSetSpec
            {
                Replicas = 3,
                Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                    Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest", Ports = [new ContainerPort { Name = "http", Number = 8080 }] }] },
                },
            },
        });
        Assert.True(created == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        await cluster.Client.SendAsync<Service>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/services", new Service
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new ServiceSpec { Selector = new() { ["app"] = "web" }, Ports = [new ServicePort { Port = 80, TargetPort = "http" }] },
        });

        var endpoints = await EndpointsAsync(ns, "web", e => Ready(e) == 3, "3 ready addresses");
        var pods = (await cluster.Client.ListPodsAsync(ns)).Items;
        var addresses = endpoints!.Subsets!.SelectMany(s => s.Addresses!.Select(a => (a, s.Ports!.Single()))).ToList();
        Assert.All(addresses, x =>
        {
            var pod = pods.Single(p => p.Metadata.Uid == x.a.TargetRef!.Uid);
            Assert.Equal(("127.0.0.1", cluster.Node), (x.a.Ip, x.a.NodeName));
            Assert.Equal(pod.Status!.ContainerStatuses![0].Ports!.Single(p => p.Name == "http").HostPort, x.Item2.Port);
        });

        await cluster.Client.SendAsync<ReplicaSet>(HttpMethod.Patch, $"/apis/apps/v1/namespaces/{ns}/replicasets/web",
            new { spec = new { replicas = 1 } }, "application/merge-patch+json");
        await EndpointsAsync(ns, "web", e => Ready(e) == 1 && e!.Subsets!.All(s => s.NotReadyAddresses is null), "1 ready address, the others gone");

        await cluster.Client.DeleteAsync($"/api/v1/namespaces/{ns}/services/web");
        await EndpointsAsync(ns, "web", e => e is null, "the endpoints deleted with the service");
    }

    [Fact]
    public async Task The_endpoints_of_a_service_without_a_selector_are_left_to_their_author()
    {
        var ns = await NamespaceAsync();
        await cluster.Client.SendAsync<Service>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/services", new Service
        {
            Metadata = new ObjectMeta { Name = "external" },
            Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] },
        });
        var (code, _, _) = await cluster.Client.SendAsync<Endpoints>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/endpoints", new Endpoints
        {
            Metadata = new ObjectMeta { Name = "external" },
            Subsets = [new EndpointSubset { Addresses = [new EndpointAddress { Ip = "127.0.0.1" }], Ports = [new EndpointPort { Port = 9999 }] }],
        });
        Assert.Equal(HttpStatusCode.Created, code);

        // A change the controller would notice (a pod in the namespace) leaves them as written.
        await cluster.Client.CreatePodAsync(ObjectClient.NewPod("bystander"), ns);
        await Eventually.WaitFor(async () => (await cluster.Client.ListPodsAsync(ns)).Items.Single().Status?.Phase, phase => phase == PodPhases.Running, "the bystander running");
        var endpoints = await EndpointsAsync(ns, "external", e => e is not null, "the hand-written endpoints");
        Assert.Equal(9999, endpoints!.Subsets![0].Ports![0].Port);
    }
}
