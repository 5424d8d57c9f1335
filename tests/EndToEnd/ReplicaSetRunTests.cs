using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.EndToEnd;

/// <summary>A ReplicaSet through the processes ./eo up started: its replicas run on Docker and answer on their
/// ports; a replica whose containers are removed behind the agent's back, or whose pod is deleted, comes back;
/// deleting the ReplicaSet removes its pods.</summary>
public sealed class ReplicaSetRunTests : IDisposable
{
    private readonly HttpClient _client = Cluster.AdminClient();
    private readonly string _namespace = $"e2e-{Guid.NewGuid():N}"[..12];

    private string ReplicaSets => $"/apis/apps/v1/namespaces/{_namespace}/replicasets";

    private async Task<List<Pod>> ReadyAsync(int count, Func<List<Pod>, bool>? also = null) =>
        await Eventually.WaitFor(async () => (await _client.ListPodsAsync(_namespace)).Items
                .Where(p => p.IsReady() && p.Metadata.DeletionTimestamp is null).ToList(),
            pods => pods.Count == count && (also is null || also(pods)), $"{count} ready replicas", TimeSpan.FromSeconds(90));

    [Fact]
    public async Task Replicas_run_on_docker_and_come_back_when_removed()
    {
        await _client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = _namespace } });
        await _client.SendAsync<ReplicaSet>(HttpMethod.Post, ReplicaSets, new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new ReplicaSetSpec
            {
                Replicas = 3,
                Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                    Spec = new PodSpec
                    {
                        TerminationGracePeriodSeconds = 1,
                        NodeSelector = new() { [WellKnownLabels.Hostname] = "node-1" },
                        Containers = [new Container
                        {
                            Name = "httpd", Image = "eventorch/busybox:latest", ImagePullPolicy = "IfNotPresent",
                            Command = ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"],
                            Ports = [new ContainerPort { Number = 8080 }],
                            ReadinessProbe = new Probe { HttpGet = new HttpGetAction { Port = new IntOrString(8080), Path = "/" }, PeriodSeconds = 1 },
                        }],
                    },
                },
            },
        });

        var pods = await ReadyAsync(3);
        using var http = new HttpClient();
        foreach (var pod in pods)
        {
            var port = pod.Status!.ContainerStatuses![0].Ports![0].HostPort;
            Assert.Equal(pod.Metadata.Name, (await http.GetStringAsync($"http://127.0.0.1:{port}/")).Trim());
        }

        // Containers removed behind the agent's back: the agent starts the pod again.
        var victim = pods[0];
        var ids = Cluster.Docker($"ps -q --filter label=io.eventorch.pod.uid={victim.Metadata.Uid}").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, ids.Length);
        Cluster.Docker($"rm -f {string.Join(' ', ids)}");
        await ReadyAsync(3, p => p.Any(x => x.Metadata.Uid == victim.Metadata.Uid && x.Status!.ContainerStatuses![0].ContainerID != victim.Status!.ContainerStatuses![0].ContainerID));

        // A deleted pod: the ReplicaSet makes another.
        await _client.DeletePodAsync(pods[1].Metadata.Name!, _namespace);
        await ReadyAsync(3, p => p.All(x => x.Metadata.Uid != pods[1].Metadata.Uid));

        // The ReplicaSet deleted: the garbage collector deletes its pods, and the agent their containers.
        await _client.DeleteAsync($"{ReplicaSets}/web");
        await Eventually.WaitFor(async () => (await _client.ListPodsAsync(_namespace)).Items.Count, n => n == 0, "the pods collected", TimeSpan.FromSeconds(60));
    }

    public void Dispose()
    {
        _client.DeleteAsync($"/api/v1/namespaces/{_namespace}").GetAwaiter().GetResult();
        _client.Dispose();
    }
}
