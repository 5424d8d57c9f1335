using System.Diagnostics;
using System.Net.Http.Json;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

/// <summary>Scheduling throughput onto hollow nodes (`./eo up --hollow N`): creates pods as fast as the Api takes
/// them and measures from the first create to the last binding stored (the scheduler on 127.0.0.1:8081 must lead). The binding's time is the PodScheduled
/// condition the Api stamps when it stores the binding, so the figure is the store's, not a poller's.</summary>
internal static class SchedulingThroughput
{
    private const string HollowLabel = "eventorch.io/hollow";

    public static async Task RunAsync(HttpClient api, int pods, int nodes, int parallel)
    {
        var ready = (await api.GetFromJsonAsync<ObjectList<Node>>($"/api/v1/nodes?labelSelector={HollowLabel}%3Dtrue", KubeJson.Options))!.Items
            .Count(n => n.IsReady());
        if (ready < nodes) throw new InvalidOperationException($"{ready} ready hollow nodes, {nodes} wanted: start them with ./eo up --hollow {nodes}");

        var ns = $"sched-{Guid.NewGuid():N}"[..14];
        (await api.PostAsJsonAsync("/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } }, KubeJson.Options)).EnsureSuccessStatusCode();

        var scheduledBefore = await ScheduledAsync();
        var start = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, pods), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
        {
            var pod = new Pod
            {
                Metadata = new ObjectMeta { Name = $"p{i}" },
                Spec = new PodSpec
                {
                    NodeSelector = new() { [HollowLabel] = "true" },
                    Containers = [new Container
                    {
                        Name = "main", Image = "eventorch/busybox:latest",
                        Resources = new() { Requests = new() { ["cpu"] = "100m", ["memory"] = "64Mi" } },
                    }],
                },
            };
            (await api.PostAsJsonAsync($"/api/v1/namespaces/{ns}/pods", pod, KubeJson.Options, ct)).EnsureSuccessStatusCode();
        });
        var created = clock.Elapsed;
        Console.WriteLine($"created {pods} pods in {created.TotalSeconds:F1} s ({pods / created.TotalSeconds:F0}/s, {parallel} in parallel)");

        // Progress from the scheduler's own counter: listing 10,000 pods every few seconds would load the Api
        // and PostgreSQL that are being measured. The figures below come from one list at the end.
        while (true)
        {
            var bound = await ScheduledAsync() - scheduledBefore;
            Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F1} s: {bound} bound");
            if (bound >= pods) break;
            if (clock.Elapsed > TimeSpan.FromMinutes(15)) throw new TimeoutException($"{bound} of {pods} pods bound after 15 minutes");
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        var all = await ListAsync(api, ns);
        if (all.Count(p => !string.IsNullOrEmpty(p.Spec.NodeName)) != pods) throw new InvalidOperationException("the scheduler counted bindings the Api does not show");

        var boundAt = all.Select(p => p.Status.Condition(PodConditions.PodScheduled)!.LastTransitionTime!.Value).ToList();
        var last = boundAt.Max();
        var latencies = all.Select(p => (p.Status.Condition(PodConditions.PodScheduled)!.LastTransitionTime!.Value - p.Metadata.CreationTimestamp!.Value).TotalMilliseconds).Order().ToList();
        double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        var span = (last - start).TotalSeconds;
        var perNode = all.GroupBy(p => p.Spec.NodeName).Select(g => g.Count()).ToList();
        Console.WriteLine($"scheduling throughput: {pods} pods onto {nodes} hollow nodes, first create to last binding stored {span:F1} s = {pods / span:F0} pods/s");
        Console.WriteLine($"create -> bound per pod: p50 {P(0.5):F0} ms, p99 {P(0.99):F0} ms, max {latencies[^1]:F0} ms");
        Console.WriteLine($"pods per node: min {perNode.Min()}, max {perNode.Max()} over {perNode.Count} nodes");

        // The hollow nodes report the pods Running after the binding; the namespace goes once they are quiet (its
        // delete is one transaction, and a status written meanwhile makes it a conflict).
        while (all.Any(p => p.Status?.Phase != PodPhases.Running))
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(20)) throw new TimeoutException("the pods did not all reach Running");
            await Task.Delay(TimeSpan.FromSeconds(5));
            all = await ListAsync(api, ns);
        }
        Console.WriteLine($"all {pods} Running {clock.Elapsed.TotalSeconds:F1} s after the first create");
        (await api.DeleteAsync($"/api/v1/namespaces/{ns}")).EnsureSuccessStatusCode();
    }

    private static readonly HttpClient Scheduler = new() { BaseAddress = new Uri("http://127.0.0.1:8081") };

    private static async Task<long> ScheduledAsync() =>
        (await Scheduler.GetFromJsonAsync<System.Text.Json.JsonElement>("/debug/scheduler")).GetProperty("scheduled").GetInt64();

    private static async Task<List<Pod>> ListAsync(HttpClient api, string ns)
    {
        var items = new List<Pod>();
        string? next = null;
        do
        {
            var page = (await api.GetFromJsonAsync<ObjectList<Pod>>(
                $"/api/v1/namespaces/{ns}/pods?limit=2000" + (next is null ? "" : $"&continue={Uri.EscapeDataString(next)}"), KubeJson.Options))!;
            items.AddRange(page.Items);
            next = page.Metadata?.Continue;
        } while (!string.IsNullOrEmpty(next));
        return items;
    }
}
