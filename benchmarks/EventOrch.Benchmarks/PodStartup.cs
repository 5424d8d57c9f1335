using System.Diagnostics;
using System.Net.Http.Json;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

/// <summary>Pod startup latency on the real Docker Engine: create → Running, through the scheduler and a node agent.</summary>
internal static class PodStartup
{
    public static async Task RunAsync(HttpClient api, int pods)
    {
        var ns = $"startup-{Guid.NewGuid():N}"[..16];
        (await api.PostAsJsonAsync("/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } }, KubeJson.Options)).EnsureSuccessStatusCode();
        var latencies = new List<double>();
        // One pod at a time: the figure is a pod's own startup, not a queue's.
        for (var i = 0; i < pods; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var pod = new Pod
            {
                Metadata = new ObjectMeta { Name = $"p{i}" },
                Spec = new PodSpec
                {
                    TerminationGracePeriodSeconds = 0,
                    Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest", ImagePullPolicy = "IfNotPresent", Command = ["sleep", "3600"] }],
                },
            };
            (await api.PostAsJsonAsync($"/api/v1/namespaces/{ns}/pods", pod, KubeJson.Options)).EnsureSuccessStatusCode();
            while (true)
            {
                var current = await api.GetFromJsonAsync<Pod>($"/api/v1/namespaces/{ns}/pods/p{i}", KubeJson.Options);
                if (current?.Status?.Phase == PodPhases.Running) break;
                if (Stopwatch.GetElapsedTime(start) > TimeSpan.FromSeconds(60)) throw new TimeoutException($"pod p{i} did not start");
                await Task.Delay(5);
            }
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        latencies.Sort();
        double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        Console.WriteLine($"pod startup on Docker, create -> Running ({pods} pods, one at a time): p50 {P(0.5):F0} ms, p99 {P(0.99):F0} ms, max {latencies[^1]:F0} ms");
        (await api.DeleteAsync($"/api/v1/namespaces/{ns}")).EnsureSuccessStatusCode();
    }
}
