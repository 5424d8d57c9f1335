using System.Net;
using System.Net.Sockets;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.NodeAgent;

/// <summary>Pods through the whole chain: the Api, the scheduler and a node agent running real Docker containers.</summary>
public sealed class PodLifecycleTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Image = "eventorch/busybox:latest";
    private HttpClient Client => cluster.Client;

    private static Pod NewPod(string name, params Container[] containers) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PodSpec { Containers = [.. containers], TerminationGracePeriodSeconds = 2 },
    };

    private static Container Shell(string name, string script, List<ContainerPort>? ports = null) =>
        new() { Name = name, Image = Image, Command = ["sh", "-c", script], Ports = ports };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_web_server_on_a_host_port_runs_answers_on_loopback_and_is_removed_with_its_pod()
    {
        var port = FreePort();
        await Client.CreatePodAsync(NewPod("web", Shell("httpd", "mkdir -p /www && echo hello > /www/index.html && exec httpd -f -p 8080 -h /www",
            [new ContainerPort { Name = "http", Number = 8080, HostPort = port }])));

        var running = await cluster.WaitForPodAsync("web", p => p.Status?.Phase == PodPhases.Running && p.IsReady(), "web Running and Ready");
        Assert.Equal(cluster.NodeName, running.Spec.NodeName);
        Assert.Equal("127.0.0.1", running.Status!.PodIP);
        Assert.Equal(port, running.Status.ContainerStatuses![0].Ports![0].HostPort);
        using var http = new HttpClient();
        Assert.Equal("hello\n", await Eventually.WaitFor(async () =>
        {
            try { return await http.GetStringAsync($"http://127.0.0.1:{port}/"); }
            catch (HttpRequestException) { return ""; }
        }, body => body.Length > 0, "the pod to answer"));

        await Client.DeletePodAsync("web");
        await Eventually.WaitFor(async () => (await Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Get, $"{ObjectClient.PodsPath()}/web")).Code,
            code => code == HttpStatusCode.NotFound, "the pod to be gone after its graceful termination");
    }

    [Fact]
    public async Task A_port_without_a_host_port_is_published_on_an_allocated_one()
    {
        await Client.CreatePodAsync(NewPod("allocated", Shell("httpd", "mkdir -p /www && echo allocated > /www/index.html && exec httpd -f -p 9090 -h /www",
            [new ContainerPort { Number = 9090 }])));

        var pod = await cluster.WaitForPodAsync("allocated", p => p.Status?.ContainerStatuses?[0].Ports is { Count: 1 } && p.IsReady(), "an allocated port");
        var published = pod.Status!.ContainerStatuses![0].Ports![0];
        using var http = new HttpClient();
        Assert.Equal("allocated\n", await Eventually.WaitFor(async () =>
        {
            try { return await http.GetStringAsync($"http://{published.HostIP}:{published.HostPort}/"); }
            catch (HttpRequestException) { return ""; }
        }, body => body.Length > 0, "the pod to answer on its allocated port"));
    }

    [Fact]
    public async Task Containers_of_a_pod_share_localhost_the_hostname_and_an_empty_dir()
    {
        var pod = NewPod("pair",
            Shell("server", "mkdir -p /www && hostname > /www/index.html && echo shared > /data/note && exec httpd -f -p 8080 -h /www") with
            {
                VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }],
            },
            Shell("client", "while :; do wget -qO /tmp/got http://127.0.0.1:8080/ && cat /data/note > /tmp/note && break; sleep 0.2; done; " +
                            "echo \"$(cat /tmp/got) $(hostname) $(cat /tmp/note)\"; exec sleep 3600") with
            {
                VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }],
            });
        await Client.CreatePodAsync(pod with { Spec = pod.Spec with { Volumes = [new Volume { Name = "data", EmptyDir = new EmptyDirVolumeSource() }] } });

        await cluster.WaitForPodAsync("pair", p => p.IsReady(), "both containers running");
        using var runtime = ClusterFixture.NewDockerRuntime();
        var client = (await runtime.ListAsync(cluster.NodeName, CancellationToken.None))
            .Single(c => c.Labels.GetValueOrDefault(EventOrch.NodeAgent.Runtime.RuntimeLabels.Container) == "client"
                && c.Labels[EventOrch.NodeAgent.Runtime.RuntimeLabels.PodName] == "pair");
        var line = await Eventually.WaitFor(async () =>
        {
            using var reader = new StreamReader(await runtime.LogsAsync(client.Id, new EventOrch.NodeAgent.Runtime.LogOptions(), CancellationToken.None));
            return (await reader.ReadToEndAsync()).Trim();
        }, text => text.Length > 0, "the client's report");
        Assert.Equal("pair pair shared", line);
    }

    [Fact]
    public async Task A_crashing_container_under_Always_restarts_with_back_off_and_its_restart_count_rises()
    {
        await Client.CreatePodAsync(NewPod("crasher", Shell("c", "echo crashing; exit 1")));

        var pod = await cluster.WaitForPodAsync("crasher", p => p.Status?.ContainerStatuses?[0].RestartCount >= 2, "two restarts");
        var status = pod.Status!.ContainerStatuses![0];
        Assert.Equal(1, status.LastState!.Terminated!.ExitCode);
        await cluster.WaitForPodAsync("crasher", p => p.Status?.ContainerStatuses?[0].State?.Waiting?.Reason == "CrashLoopBackOff",
            "the CrashLoopBackOff state");
    }

    [Fact]
    public async Task A_failing_container_under_Never_leaves_the_pod_Failed_with_its_exit_code()
    {
        var pod = NewPod("once", Shell("c", "exit 3"));
        await Client.CreatePodAsync(pod with { Spec = pod.Spec with { RestartPolicy = "Never" } });

        var failed = await cluster.WaitForPodAsync("once", p => p.Status?.Phase == PodPhases.Failed, "Failed");
        Assert.Equal(3, failed.Status!.ContainerStatuses![0].State!.Terminated!.ExitCode);
        Assert.Equal(0, failed.Status.ContainerStatuses[0].RestartCount);
    }

    [Fact]
    public async Task A_failing_liveness_probe_restarts_the_container_and_a_failing_readiness_probe_keeps_it_unready()
    {
        var live = Shell("c", "touch /tmp/alive; exec sleep 3600") with
        {
            LivenessProbe = new Probe { Exec = new ExecAction { Command = ["sh", "-c", "test -f /tmp/alive && rm /tmp/alive"] }, PeriodSeconds = 1, FailureThreshold = 1 },
        };
        var unready = Shell("c", "exec sleep 3600") with
        {
            ReadinessProbe = new Probe { Exec = new ExecAction { Command = ["false"] }, PeriodSeconds = 1 },
        };
        await Client.CreatePodAsync(NewPod("liveness", live));
        await Client.CreatePodAsync(NewPod("readiness", unready));

        await cluster.WaitForPodAsync("liveness", p => p.Status?.ContainerStatuses?[0].RestartCount >= 1, "a restart after the liveness probe failed");
        var notReady = await cluster.WaitForPodAsync("readiness", p => p.Status?.Phase == PodPhases.Running, "readiness pod Running");
        Assert.False(notReady.IsReady());
        Assert.False(notReady.Status!.ContainerStatuses![0].Ready);
    }

    [Fact]
    public async Task An_image_that_does_not_exist_shows_ErrImagePull()
    {
        await Client.CreatePodAsync(NewPod("noimage", new Container { Name = "c", Image = "eventorch/does-not-exist:1" }));

        var pod = await cluster.WaitForPodAsync("noimage",
            p => p.Status?.ContainerStatuses?[0].State?.Waiting?.Reason is "ErrImagePull" or "ImagePullBackOff", "ErrImagePull");
        Assert.Equal(PodPhases.Pending, pod.Status!.Phase);
        Assert.Contains("eventorch/does-not-exist:1", pod.Status.ContainerStatuses![0].State!.Waiting!.Message);
    }

    [Fact]
    public async Task After_the_agent_restarts_running_pods_are_adopted_not_restarted()
    {
        await Client.CreatePodAsync(NewPod("survivor", Shell("c", "exec sleep 3600")));
        var before = await cluster.WaitForPodAsync("survivor", p => p.IsReady(), "survivor running");

        await cluster.RestartAgentAsync();
        await Client.PatchPodAsync("survivor", new { metadata = new { labels = new { poke = "after-restart" } } });
        await Eventually.WaitFor(() => cluster.DockerContainersAsync(), n => n > 0, "containers still there");

        var after = await cluster.WaitForPodAsync("survivor", p => p.Metadata.Labels?.ContainsKey("poke") == true, "the pod seen again");
        Assert.Equal(before.Status!.ContainerStatuses![0].ContainerID, after.Status!.ContainerStatuses![0].ContainerID);
        Assert.Equal(0, after.Status.ContainerStatuses[0].RestartCount);
    }
}
