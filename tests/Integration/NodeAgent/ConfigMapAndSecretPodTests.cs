using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.Runtime;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.NodeAgent;

/// <summary>Pods that consume ConfigMaps and Secrets, through the Api, the scheduler and a node agent on the real Docker
/// Engine: environment variables, files in read-only volumes that follow changes, and containers that wait for what
/// they need.</summary>
public sealed class ConfigMapAndSecretPodTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Image = "eventorch/busybox:latest";
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private const string Secrets = "/api/v1/namespaces/default/secrets";
    private HttpClient Client => cluster.Client;

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 7)];

    private async Task CreateConfigMapAsync(string name, Dictionary<string, string> data)
    {
        var (code, _, response) = await Client.SendAsync<ConfigMap>(HttpMethod.Post, ConfigMaps, new ConfigMap { Metadata = new ObjectMeta { Name = name }, Data = data });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task CreateSecretAsync(string name, Dictionary<string, string> data)
    {
        var (code, _, response) = await Client.SendAsync<Secret>(HttpMethod.Post, Secrets, new Secret { Metadata = new ObjectMeta { Name = name }, StringData = data });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static Pod NewPod(string name, Container container, params Volume[] volumes) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PodSpec { Containers = [container], Volumes = volumes.Length == 0 ? null : [.. volumes], TerminationGracePeriodSeconds = 1 },
    };

    private static Container Shell(string script) => new() { Name = "c", Image = Image, Command = ["sh", "-c", script] };


    private async Task<string> ExecAsync(string pod, params string[] command)
    {
        using var runtime = ClusterFixture.NewDockerRuntime();
        var container = (await runtime.ListAsync(cluster.NodeName, CancellationToken.None))
            .Single(c => c.Labels[RuntimeLabels.PodName] == pod && c.Labels.GetValueOrDefault(RuntimeLabels.Role) == RuntimeLabels.ContainerRole
                && c.State.State == ContainerRunState.Running);
        var result = await runtime.ExecAsync(container.Id, command, TimeSpan.FromSeconds(10), CancellationToken.None);
        return result.Output.Trim();
    }

    private async Task<string> LogsAsync(string pod)
    {
        using var runtime = ClusterFixture.NewDockerRuntime();
        return await Eventually.WaitFor(async () =>
        {
            var container = (await runtime.ListAsync(cluster.NodeName, CancellationToken.None))
                .FirstOrDefault(c => c.Labels[RuntimeLabels.PodName] == pod && c.Labels.GetValueOrDefault(RuntimeLabels.Role) == RuntimeLabels.ContainerRole);
            if (container is null) return "";
            using var reader = new StreamReader(await runtime.LogsAsync(container.Id, new LogOptions(), CancellationToken.None));
            return (await reader.ReadToEndAsync()).Trim();
        }, text => text.Contains("END", StringComparison.Ordinal), $"the report of {pod}");
    }

    [Fact]
    public async Task Environment_variables_come_from_a_config_map_and_a_secret_by_key_and_whole_with_a_prefix()
    {
        var (settings, creds, pod) = (Unique("settings"), Unique("creds"), Unique("env"));
        await CreateConfigMapAsync(settings, new() { ["MODE"] = "fast", ["LEVEL"] = "3" });
        await CreateSecretAsync(creds, new() { ["password"] = "s3cr3t value", ["USER"] = "app", ["1st-key"] = "skipped: not a variable name" });
        var container = Shell("echo \"MODE=$MODE APP_LEVEL=$APP_LEVEL PW=$PW USER=$USER\"; env | grep -c 'skipped' ; echo END; exec sleep 3600") with
        {
            EnvFrom =
            [
                new EnvFromSource { ConfigMapRef = new ConfigMapEnvSource { Name = settings }, Prefix = "APP_" },
                new EnvFromSource { SecretRef = new SecretEnvSource { Name = creds } },
            ],
            Env =
            [
                new EnvVar { Name = "MODE", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = settings, Key = "MODE" } } },
                new EnvVar { Name = "PW", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = creds, Key = "password" } } },
                new EnvVar { Name = "OPTIONAL", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "absent", Key = "k", Optional = true } } },
            ],
        };
        await Client.CreatePodAsync(NewPod(pod, container));

        await cluster.WaitForPodAsync(pod, p => p.IsReady(), $"{pod} running");
        Assert.Equal("MODE=fast APP_LEVEL=3 PW=s3cr3t value USER=app\n0\nEND", await LogsAsync(pod));
    }

    [Fact]
    public async Task Volume_files_follow_items_and_modes_are_read_only_and_a_change_reaches_them_but_not_a_sub_path_mount()
    {
        var (settings, creds, pod) = (Unique("files"), Unique("secretfiles"), Unique("vol"));
        await CreateConfigMapAsync(settings, new() { ["mode"] = "fast", ["level"] = "3" });
        await CreateSecretAsync(creds, new() { ["password"] = "first" });
        var container = Shell("exec sleep 3600") with
        {
            VolumeMounts =
            [
                new VolumeMount { Name = "config", MountPath = "/etc/config" },
                new VolumeMount { Name = "config", MountPath = "/etc/mode-pinned", SubPath = "conf/mode.txt" },
                new VolumeMount { Name = "creds", MountPath = "/etc/creds" },
            ],
        };
        await Client.CreatePodAsync(NewPod(pod, container,
            new Volume
            {
                Name = "config",
                ConfigMap = new ConfigMapVolumeSource { Name = settings, Items = [new KeyToPath { Key = "mode", Path = "conf/mode.txt", Mode = 256 }] },
            },
            new Volume { Name = "creds", Secret = new SecretVolumeSource { SecretName = creds, DefaultMode = 288 } }));
        await cluster.WaitForPodAsync(pod, p => p.IsReady(), $"{pod} running");

        Assert.Equal("fast", await ExecAsync(pod, "cat", "/etc/config/conf/mode.txt"));
        Assert.Equal("400", await ExecAsync(pod, "stat", "-L", "-c", "%a", "/etc/config/conf/mode.txt"));
        Assert.Equal("no", await ExecAsync(pod, "sh", "-c", "test -e /etc/config/level && echo yes || echo no"));
        Assert.Equal("first", await ExecAsync(pod, "cat", "/etc/creds/password"));
        Assert.Equal("440", await ExecAsync(pod, "stat", "-L", "-c", "%a", "/etc/creds/password"));
        Assert.Equal("read-only", await ExecAsync(pod, "sh", "-c", "touch /etc/config/new 2>/dev/null && echo writable || echo read-only"));

        await Client.SendAsync<ConfigMap>(HttpMethod.Patch, $"{ConfigMaps}/{settings}", new { data = new { mode = "slow" } }, "application/merge-patch+json");
        await Client.SendAsync<Secret>(HttpMethod.Patch, $"{Secrets}/{creds}", new { stringData = new { password = "second" } }, "application/merge-patch+json");

        await Eventually.WaitFor(() => ExecAsync(pod, "cat", "/etc/config/conf/mode.txt"), v => v == "slow", "the ConfigMap change in the mounted file",
            TimeSpan.FromSeconds(20));
        // The Secret's event carries only ciphertext: the agent read it again through the Api, well before its cache expires.
        await Eventually.WaitFor(() => ExecAsync(pod, "cat", "/etc/creds/password"), v => v == "second", "the Secret change in the mounted file",
            TimeSpan.FromSeconds(20));
        Assert.Equal("fast", await ExecAsync(pod, "cat", "/etc/mode-pinned"));
    }

    [Fact]
    public async Task A_missing_config_map_keeps_the_container_waiting_with_CreateContainerConfigError_until_it_is_created()
    {
        var (late, pod) = (Unique("late"), Unique("waits"));
        var container = Shell("echo \"GREETING=$GREETING\"; echo END; exec sleep 3600") with
        {
            Env = [new EnvVar { Name = "GREETING", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = late, Key = "greeting" } } }],
        };
        await Client.CreatePodAsync(NewPod(pod, container));

        var waiting = await cluster.WaitForPodAsync(pod, p => p.Status?.ContainerStatuses?[0].State?.Waiting?.Reason == "CreateContainerConfigError",
            "CreateContainerConfigError");
        Assert.Equal($"configmap \"{late}\" not found", waiting.Status!.ContainerStatuses![0].State!.Waiting!.Message);
        Assert.Equal(PodPhases.Pending, waiting.Status.Phase);

        await CreateConfigMapAsync(late, new() { ["greeting"] = "hello" });

        await cluster.WaitForPodAsync(pod, p => p.IsReady(), $"{pod} running once its ConfigMap exists");
        Assert.Equal("GREETING=hello\nEND", await LogsAsync(pod));
    }

    [Fact]
    public async Task A_missing_secret_volume_keeps_the_pod_creating_until_the_secret_exists()
    {
        var (late, pod) = (Unique("latesecret"), Unique("mounts"));
        var container = Shell("cat /etc/creds/token; echo; echo END; exec sleep 3600") with
        {
            VolumeMounts = [new VolumeMount { Name = "creds", MountPath = "/etc/creds" }],
        };
        await Client.CreatePodAsync(NewPod(pod, container, new Volume { Name = "creds", Secret = new SecretVolumeSource { SecretName = late } }));

        var waiting = await cluster.WaitForPodAsync(pod, p => p.Status?.ContainerStatuses?[0].State?.Waiting?.Message?.Contains("not found") == true,
            "the volume not set up");
        Assert.Equal("ContainerCreating", waiting.Status!.ContainerStatuses![0].State!.Waiting!.Reason);
        Assert.Equal($"MountVolume.SetUp failed for volume \"creds\" : secret \"{late}\" not found", waiting.Status.ContainerStatuses[0].State!.Waiting!.Message);

        await CreateSecretAsync(late, new() { ["token"] = "t0k3n" });

        await cluster.WaitForPodAsync(pod, p => p.IsReady(), $"{pod} running once its Secret exists");
        Assert.Equal("t0k3n\nEND", await LogsAsync(pod));
    }
}
