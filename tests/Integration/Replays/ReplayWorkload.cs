using System.Net;
using System.Text;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Replays;

/// <summary>A mix of writes of several kinds, by a user and by a component, as a small cluster makes them: nodes that
/// register and go NotReady, a Deployment whose ReplicaSet a component scales and whose pods it creates, binds, runs,
/// relabels and deletes, pods of the user's own, Services with node ports, ConfigMaps and Secrets changed and deleted.</summary>
internal sealed class ReplayWorkload(ApiServer api)
{
    private readonly HttpClient _user = api.Client;
    private readonly HttpClient _component = api.CreateClient(api.ComponentToken);

    public async Task<string> RunAsync(string prefix)
    {
        var ns = await _user.CreateNamespaceAsync(prefix);
        var node = await _user.RegisterAsync(TestNodes.New($"{ns}-node"));
        await Write(_component, HttpMethod.Put, $"/api/v1/nodes/{node.Metadata.Name}/status", node with
        {
            Status = node.Status! with { Conditions = [new NodeCondition { Type = NodeConditions.Ready, Status = ConditionStatuses.False, Reason = "KubeletNotReady" }] },
        });

        var deployment = await Write<Deployment>(_user, HttpMethod.Post, $"/apis/apps/v1/namespaces/{ns}/deployments", TestReplicaSets.NewDeployment("web", 2));
        var rs = await Write<ReplicaSet>(_component, HttpMethod.Post, TestReplicaSets.Path(ns), TestReplicaSets.New("web-5d8f", 2) with
        {
            Metadata = new ObjectMeta { Name = "web-5d8f", OwnerReferences = [Owner("apps/v1", "Deployment", deployment)] },
        });
        await Write(_component, HttpMethod.Patch, $"{TestReplicaSets.Path(ns)}/web-5d8f/scale", new { spec = new { replicas = 3 } }, "application/merge-patch+json");
        for (var i = 0; i < 3; i++)
        {
            var name = $"web-5d8f-{i}";
            var pod = ObjectClient.NewPod(name, new() { ["app"] = "web-5d8f" });
            pod = pod with { Metadata = pod.Metadata with { OwnerReferences = [Owner("apps/v1", "ReplicaSet", rs)] } };
            await Write(_component, HttpMethod.Post, ObjectClient.PodsPath(ns), pod);
            await BindAndRunAsync(ns, name, node.Metadata.Name!);
        }
        await Write(_user, HttpMethod.Patch, $"{ObjectClient.PodsPath(ns)}/web-5d8f-1", new { metadata = new { labels = new { tier = "front" } } }, "application/merge-patch+json");
        await Write(_component, HttpMethod.Patch, $"{TestReplicaSets.Path(ns)}/web-5d8f/scale", new { spec = new { replicas = 2 } }, "application/merge-patch+json");
        await Delete(_component, $"{ObjectClient.PodsPath(ns)}/web-5d8f-2?gracePeriodSeconds=0");

        await _user.CreatePodAsync(ObjectClient.NewPod("solo"), ns);
        await BindAndRunAsync(ns, "solo", node.Metadata.Name!);
        await _user.CreatePodAsync(ObjectClient.NewPod("brief"), ns);
        await Delete(_user, $"{ObjectClient.PodsPath(ns)}/brief");

        var services = $"/api/v1/namespaces/{ns}/services";
        foreach (var name in new[] { "front", "gone" })
        {
            await Write(_user, HttpMethod.Post, services, new Service
            {
                Metadata = new ObjectMeta { Name = name },
                Spec = new ServiceSpec { Type = ServiceTypes.NodePort, Selector = new() { ["app"] = "web" }, Ports = [new ServicePort { Port = 80 }] },
            });
        }
        await Delete(_user, $"{services}/gone");

        var configMaps = $"/api/v1/namespaces/{ns}/configmaps";
        await Write(_user, HttpMethod.Post, configMaps, new ConfigMap { Metadata = new ObjectMeta { Name = "settings" }, Data = new() { ["mode"] = "fast" } });
        await Write(_user, HttpMethod.Patch, $"{configMaps}/settings", new { data = new { mode = "safe" } }, "application/merge-patch+json");
        await Write(_user, HttpMethod.Post, configMaps, new ConfigMap { Metadata = new ObjectMeta { Name = "old" }, Data = new() { ["a"] = "b" } });
        await Delete(_user, $"{configMaps}/old");

        var secrets = $"/api/v1/namespaces/{ns}/secrets";
        await Write(_user, HttpMethod.Post, secrets, new Secret { Metadata = new ObjectMeta { Name = "creds" }, Data = new() { ["password"] = Encoding.UTF8.GetBytes("one") } });
        await Write(_user, HttpMethod.Patch, $"{secrets}/creds", new { stringData = new { password = "two" } }, "application/merge-patch+json");
        await Write(_user, HttpMethod.Post, secrets, new Secret { Metadata = new ObjectMeta { Name = "temp" }, StringData = new() { ["k"] = "v" } });
        await Delete(_user, $"{secrets}/temp");
        return ns;
    }

    private async Task BindAndRunAsync(string ns, string name, string node)
    {
        await Write(_component, HttpMethod.Post, $"{ObjectClient.PodsPath(ns)}/{name}/binding",
            new Binding { Metadata = new ObjectMeta { Name = name }, Target = new ObjectReference { Kind = "Node", Name = node } });
        var (_, pod, _) = await _component.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath(ns)}/{name}");
        await Write(_component, HttpMethod.Put, $"{ObjectClient.PodsPath(ns)}/{name}/status", pod! with
        {
            Status = pod.Status! with
            {
                Phase = PodPhases.Running,
                ContainerStatuses = [new ContainerStatus
                {
                    Name = "main", Ready = true, Image = "eventorch/busybox:latest", ContainerID = $"docker://{name}",
                    State = new ContainerState { Running = new ContainerStateRunning { StartedAt = DateTimeOffset.UtcNow } },
                }],
            },
        });
    }

    private static OwnerReference Owner(string apiVersion, string kind, IKubeObject owner) => new()
    {
        ApiVersion = apiVersion, Kind = kind, Name = owner.Metadata.Name!, Uid = owner.Metadata.Uid!, Controller = true, BlockOwnerDeletion = true,
    };

    private static async Task<T> Write<T>(HttpClient client, HttpMethod method, string path, object body, string contentType = "application/json")
    {
        var (code, value, response) = await client.SendAsync<T>(method, path, body, contentType);
        Assert.True(code is HttpStatusCode.OK or HttpStatusCode.Created, $"{method} {path}: {await response.Content.ReadAsStringAsync()}");
        return value!;
    }

    private static Task Write(HttpClient client, HttpMethod method, string path, object body, string contentType = "application/json") =>
        Write<object>(client, method, path, body, contentType);

    private static async Task Delete(HttpClient client, string path)
    {
        var response = await client.DeleteAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"DELETE {path}: {await response.Content.ReadAsStringAsync()}");
    }
}
