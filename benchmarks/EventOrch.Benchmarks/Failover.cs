using System.Diagnostics;
using System.Net.Http.Json;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

/// <summary>Failover on the real Docker Engine (`./eo up --nodes 2`): a ReplicaSet's pods run on both nodes, the
/// agent of the node holding most of them is killed with SIGKILL, and the clock runs until every replica is Running
/// again on the other node. The killed agent is then started again (`./eo up`) before the next run.</summary>
internal static class Failover
{
    public static async Task RunAsync(HttpClient api, string root, int runs, int replicas)
    {
        var times = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            await WaitForHealthyNodesAsync(api);
            var ns = $"failover-{Guid.NewGuid():N}"[..17];
            (await api.PostAsJsonAsync("/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } }, KubeJson.Options)).EnsureSuccessStatusCode();
            (await api.PostAsJsonAsync($"/apis/apps/v1/namespaces/{ns}/replicasets", ReplicaSet(replicas), KubeJson.Options)).EnsureSuccessStatusCode();
            var running = await WaitAsync(api, ns, pods => pods.Count == replicas, TimeSpan.FromSeconds(120), $"{replicas} replicas Running");

            var victim = running.GroupBy(p => p.Spec.NodeName!).OrderByDescending(g => g.Count()).First().Key;
            var pid = int.Parse(File.ReadAllText(Path.Combine(root, $".eo/run/node-agent-{victim}.pid")).Trim());
            var clock = Stopwatch.StartNew();
            Process.GetProcessById(pid).Kill();
            await WaitAsync(api, ns, pods => pods.Count == replicas && pods.All(p => p.Spec.NodeName != victim), TimeSpan.FromSeconds(120),
                $"{replicas} replicas Running off {victim}");
            times.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine($"run {run}: killed the agent of {victim} ({running.Count(p => p.Spec.NodeName == victim)} of its pods); " +
                $"all {replicas} Running elsewhere after {clock.Elapsed.TotalSeconds:F1} s");

            using (var up = Process.Start(new ProcessStartInfo(Path.Combine(root, "eo"), "up") { RedirectStandardOutput = true })!)
            {
                await up.StandardOutput.ReadToEndAsync();
                await up.WaitForExitAsync();
            }
            (await api.DeleteAsync($"/api/v1/namespaces/{ns}")).EnsureSuccessStatusCode();
        }
        times.Sort();
        Console.WriteLine($"failover of {replicas} replicas over {runs} runs: median {times[times.Count / 2]:F1} s, worst {times[^1]:F1} s");
    }

    private static ReplicaSet ReplicaSet(int replicas) => new()
    {
        Metadata = new ObjectMeta { Name = "web" },
        Spec = new ReplicaSetSpec
        {
            Replicas = replicas,
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } },
            Template = Rollout.HttpdTemplate("web"),
        },
    };

    private static async Task WaitForHealthyNodesAsync(HttpClient api)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var nodes = (await api.GetFromJsonAsync<ObjectList<Node>>("/api/v1/nodes", KubeJson.Options))!.Items
                .Where(n => n.Metadata.Labels?.ContainsKey("eventorch.io/hollow") != true).ToList();
            if (nodes.Count >= 2 && nodes.All(n => n.Spec.Taints is null or { Count: 0 } && n.IsReady())) return;
            if (deadline.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("two ready, untainted nodes wanted: ./eo up --nodes 2");
            await Task.Delay(200);
        }
    }

    private static async Task<List<Pod>> WaitAsync(HttpClient api, string ns, Func<List<Pod>, bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var pods = (await api.GetFromJsonAsync<ObjectList<Pod>>($"/api/v1/namespaces/{ns}/pods", KubeJson.Options))!.Items
                .Where(p => p.Status?.Phase == PodPhases.Running && p.Metadata.DeletionTimestamp is null).ToList();
            if (done(pods)) return pods;
            if (clock.Elapsed > timeout) throw new TimeoutException($"waiting for {what}");
            await Task.Delay(100);
        }
    }
}
