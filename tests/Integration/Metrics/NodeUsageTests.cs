using System.Diagnostics;
using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;
using EventOrch.NodeAgent.Runtime;
using EventOrch.Tests.Integration.NodeAgent;
using EventOrch.Tests.Support;
using Xunit.Abstractions;

namespace EventOrch.Tests.Integration.Metrics;

/// <summary>A node agent on the real Docker Engine sampling every second, reporting to the Api it runs with.</summary>
public sealed class NodeUsageFixture : ClusterFixture
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["Metrics:NodeReporters:0"] = ComponentUser,
        ["Metrics:ProxyReporters:0"] = ComponentUser,
    };

    protected override Dictionary<string, string?> AgentSettings => new() { ["Metrics:Interval"] = "00:00:01" };
}

/// <summary>Usage sampled by the node agent from the Docker Engine and /proc, read back through metrics.k8s.io.</summary>
public sealed class NodeUsageTests(NodeUsageFixture cluster, ITestOutputHelper output) : IClassFixture<NodeUsageFixture>
{
    [Fact]
    public async Task A_busy_container_shows_cpu_in_its_pod_metrics_and_the_node_has_metrics()
    {
        var pod = ObjectClient.NewPod("busy", new Dictionary<string, string> { ["app"] = "busy" });
        pod = pod with
        {
            Spec = pod.Spec with
            {
                Containers =
                [
                    // A busy loop held to a fifth of a core, to spare the machine.
                    new Container
                    {
                        Name = "spin", Image = DockerTestNode.Image, Command = ["sh", "-c", "while :; do :; done"],
                        Resources = new ResourceRequirements { Limits = new Dictionary<string, string> { ["cpu"] = "200m" } },
                    },
                    new Container { Name = "idle", Image = DockerTestNode.Image, Command = ["sleep", "3600"] },
                ],
            },
        };
        await cluster.Client.CreatePodAsync(pod);
        await cluster.WaitForPodAsync("busy", p => p.Status?.Phase == "Running", "the pod to run");

        var metrics = await Eventually.WaitFor(
            async () => (await cluster.Client.SendAsync<PodMetrics>(HttpMethod.Get, "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/busy")).Body,
            m => m?.Containers.Count == 2 && Quantity.Parse(m.Containers.Single(c => c.Name == "spin").Usage["cpu"]) > Quantity.Zero,
            "the busy container's cpu in its pod metrics", TimeSpan.FromSeconds(60));
        var spin = Quantity.Parse(metrics!.Containers.Single(c => c.Name == "spin").Usage["cpu"]);
        output.WriteLine($"spin: {spin}, window {metrics.Window}");
        // Held to 200m by its limit (with slack for the sampling window's edges).
        Assert.True(spin.Value <= 0.3m, $"cpu {spin} above the container's limit");
        Assert.True(Quantity.Parse(metrics.Containers.Single(c => c.Name == "spin").Usage["memory"]) > Quantity.Zero);

        var (code, node, _) = await cluster.Client.SendAsync<NodeMetrics>(HttpMethod.Get, $"/apis/metrics.k8s.io/v1beta1/nodes/{cluster.NodeName}");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.True(Quantity.Parse(node!.Usage["cpu"]) > Quantity.Zero);
        Assert.True(Quantity.Parse(node.Usage["memory"]) > Quantity.Zero);

        // What one sample costs: the engine's one-shot stats of one container.
        using var runtime = ClusterFixture.NewDockerRuntime();
        var id = (await runtime.ListAsync(cluster.NodeName, CancellationToken.None))
            .Single(c => c.Labels.GetValueOrDefault(RuntimeLabels.Container) == "spin").Id;
        var times = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var started = Stopwatch.GetTimestamp();
            Assert.NotNull(await runtime.UsageAsync(id, CancellationToken.None));
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        output.WriteLine($"one-shot stats of one container: median {times[5]:F1} ms, max {times[^1]:F1} ms");
    }
}
