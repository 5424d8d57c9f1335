using System.Net;
using System.Net.Http.Headers;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.EndToEnd;

/// <summary>A pod through the processes ./eo up started: scheduled, run on Docker by a node agent, its log relayed by the Api.</summary>
public sealed class PodRunTests : IDisposable
{
    private readonly HttpClient _client;
    private readonly string _namespace = $"e2e-{Guid.NewGuid():N}"[..12];

    public PodRunTests()
    {
        var token = File.ReadAllText(Path.Combine(Services.RepositoryRoot, ".eo", "tokens", "admin.token")).Trim();
        _client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:8080") };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    [Fact]
    public async Task A_pod_runs_on_a_node_and_its_log_is_served_through_the_api()
    {
        await _client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = _namespace } });
        await _client.CreatePodAsync(new Pod
        {
            Metadata = new ObjectMeta { Name = "talker" },
            Spec = new PodSpec
            {
                TerminationGracePeriodSeconds = 1,
                // node-1 always runs under ./eo up; a node left over from an earlier --nodes N only becomes
                // unreachable (and unschedulable) a lease duration after the Controllers host starts.
                NodeSelector = new() { [WellKnownLabels.Hostname] = "node-1" },
                Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest", Command = ["sh", "-c", "for i in 1 2 3 4 5; do echo line-$i; done; exec sleep 3600"] }],
            },
        }, _namespace);

        var pod = await Eventually.WaitFor(async () => (await _client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath(_namespace)}/talker")).Body!,
            p => p.Status?.Phase == PodPhases.Running, "the pod Running", TimeSpan.FromSeconds(60));
        Assert.Equal("node-1", pod.Spec.NodeName);

        var log = await Eventually.WaitFor(() => _client.GetStringAsync($"{ObjectClient.PodsPath(_namespace)}/talker/log"),
            text => text.Contains("line-5"), "the log through the Api");
        Assert.Equal("line-1\nline-2\nline-3\nline-4\nline-5\n", log);
        Assert.Equal("line-4\nline-5\n", await _client.GetStringAsync($"{ObjectClient.PodsPath(_namespace)}/talker/log?tailLines=2"));

        var (code, status, _) = await _client.SendAsync<Status>(HttpMethod.Get, $"{ObjectClient.PodsPath(_namespace)}/talker/log?container=nope");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("container nope is not valid", status!.Message);
    }

    public void Dispose()
    {
        _client.DeleteAsync($"/api/v1/namespaces/{_namespace}").GetAwaiter().GetResult();
        _client.Dispose();
    }
}
