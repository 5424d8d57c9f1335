using System.Net.Http.Json;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.Runtime;
using EventOrch.NodeAgent.ServiceAccounts;
using EventOrch.Tests.Support;
using Marten;

namespace EventOrch.Tests.Integration.NodeAgent;

/// <summary>A cluster whose agent mounts ServiceAccount tokens with a CA file of the test's own and names the Api as pods
/// should reach it.</summary>
public sealed class ServiceAccountClusterFixture : ClusterFixture
{
    public string CaFile { get; } = Path.Combine(Path.GetTempPath(), $"eo-ca-{Guid.NewGuid():N}.crt");

    public ServiceAccountClusterFixture()
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=eventorch-test-ca", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(CaFile, certificate.ExportCertificatePem());
    }

    protected override Dictionary<string, string?> AgentSettings => new()
    {
        ["ServiceAccountToken:CaFile"] = CaFile,
        ["ServiceAccountToken:KubernetesService"] = "https://127.0.0.1:6443",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(CaFile);
    }
}

/// <summary>Pods on the real Docker Engine get their ServiceAccount's token, the CA and their namespace at
/// /var/run/secrets/kubernetes.io/serviceaccount, and the Api's address in KUBERNETES_SERVICE_HOST/PORT; the token
/// authenticates as the account against the Api (called from the test, on loopback).</summary>
public sealed class ServiceAccountTokenPodTests(ServiceAccountClusterFixture cluster) : IClassFixture<ServiceAccountClusterFixture>
{
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 7)];

    private static Pod NewPod(string name, bool? automount = null) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PodSpec
        {
            Containers = [new Container { Name = "c", Image = "eventorch/busybox:latest", Command = ["sleep", "3600"] }],
            TerminationGracePeriodSeconds = 1,
            AutomountServiceAccountToken = automount,
        },
    };

    private async Task<(int ExitCode, string Output)> ExecAsync(string pod, params string[] command)
    {
        using var runtime = ClusterFixture.NewDockerRuntime();
        var container = (await runtime.ListAsync(cluster.NodeName, CancellationToken.None))
            .Single(c => c.Labels[RuntimeLabels.PodName] == pod && c.Labels.GetValueOrDefault(RuntimeLabels.Role) == RuntimeLabels.ContainerRole
                && c.State.State == ContainerRunState.Running);
        var result = await runtime.ExecAsync(container.Id, command, TimeSpan.FromSeconds(10), CancellationToken.None);
        return (result.ExitCode, result.Output.Trim());
    }

    private string HostDirectory(Pod pod) =>
        ServiceAccountTokenMount.PathOf(Path.Combine(cluster.DataRoot, cluster.NodeName, pod.Metadata.Uid!, "volumes"));

    [Fact]
    public async Task A_started_pod_has_the_token_ca_and_namespace_and_the_token_authenticates_as_its_account()
    {
        var name = Unique("sa");
        var created = await cluster.Client.CreatePodAsync(NewPod(name));
        await cluster.WaitForPodAsync(name, p => p.Status?.Phase == PodPhases.Running, "the pod to run");

        var directory = HostDirectory(created);
        Assert.Equal("default", await File.ReadAllTextAsync(Path.Combine(directory, "namespace")));
        Assert.Equal(await File.ReadAllTextAsync(cluster.CaFile), await File.ReadAllTextAsync(Path.Combine(directory, "ca.crt")));
        var token = await File.ReadAllTextAsync(Path.Combine(directory, "token"));

        Assert.Equal((0, token), await ExecAsync(name, "cat", $"{ServiceAccountNames.MountPath}/token"));
        Assert.Equal((0, "default"), await ExecAsync(name, "cat", $"{ServiceAccountNames.MountPath}/namespace"));
        Assert.Equal((0, "127.0.0.1 6443"), await ExecAsync(name, "sh", "-c", "echo $KUBERNETES_SERVICE_HOST $KUBERNETES_SERVICE_PORT"));
        Assert.NotEqual(0, (await ExecAsync(name, "sh", "-c", $"echo x > {ServiceAccountNames.MountPath}/token")).ExitCode);

        // The token, used from the test on loopback, writes as the pod's account once a RoleBinding lets that account edit.
        using var asPod = cluster.CreateClient(token);
        using (var refused = await asPod.PostAsJsonAsync("/api/v1/namespaces/default/configmaps", new ConfigMap { Metadata = new ObjectMeta { Name = Unique("no") } }))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await cluster.BindRoleAsync("default", Unique("pod-edit"), "ClusterRole", "edit", "system:serviceaccount:default:default");
        var (code, configMap, response) = await asPod.SendAsync<ConfigMap>(HttpMethod.Post, "/api/v1/namespaces/default/configmaps",
            new ConfigMap { Metadata = new ObjectMeta { Name = Unique("by-pod") } });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        await using var session = cluster.Store.QuerySession();
        var stream = await session.Events.FetchStreamAsync(Guid.Parse(configMap!.Metadata.Uid!));
        Assert.Equal("system:serviceaccount:default:default", stream[0].UserName);

        // Bound to the pod: gone with it.
        await cluster.Client.SendAsync<Pod>(HttpMethod.Delete, $"{ObjectClient.PodsPath()}/{name}?gracePeriodSeconds=0");
        await Eventually.WaitFor(async () => (await asPod.GetAsync("/api/v1/namespaces/default/configmaps")).StatusCode,
            c => c == HttpStatusCode.Unauthorized, "the pod's token to be refused once the pod is gone", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_pod_that_opts_out_gets_no_token_but_still_the_api_address()
    {
        var name = Unique("nosa");
        var created = await cluster.Client.CreatePodAsync(NewPod(name, automount: false));
        await cluster.WaitForPodAsync(name, p => p.Status?.Phase == PodPhases.Running, "the pod to run");

        Assert.False(Directory.Exists(HostDirectory(created)));
        Assert.NotEqual(0, (await ExecAsync(name, "ls", ServiceAccountNames.MountPath)).ExitCode);
        Assert.Equal((0, "127.0.0.1 6443"), await ExecAsync(name, "sh", "-c", "echo $KUBERNETES_SERVICE_HOST $KUBERNETES_SERVICE_PORT"));
    }
}
