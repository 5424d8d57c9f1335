using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

/// <summary>Event-to-watcher latency: how long after a write's answer its event reaches open watch streams; with
/// <c>viaDashboard</c>, each watcher reads the watch through the dashboard's /ui/watch, as the web page does.</summary>
internal static class WatchLatency
{
    public static async Task RunAsync(HttpClient api, int pods, int watchers, int parallel, bool viaDashboard = false)
    {
        var ns = $"watch-{Guid.NewGuid():N}"[..14];
        (await api.PostAsJsonAsync("/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } }, KubeJson.Options)).EnsureSuccessStatusCode();
        var list = await api.GetFromJsonAsync<ObjectList<Pod>>($"/api/v1/namespaces/{ns}/pods", KubeJson.Options);
        using var stop = new CancellationTokenSource();

        // Every watcher records when each pod's ADDED reached it, and whether resourceVersions ever went backwards.
        var arrivals = Enumerable.Range(0, watchers).Select(_ => new ConcurrentDictionary<string, long>()).ToArray();
        var outOfOrder = 0;
        var readers = new List<Task>();
        for (var w = 0; w < watchers; w++)
        {
            var seen = arrivals[w];
            var watch = $"/api/v1/namespaces/{ns}/pods?watch=1&resourceVersion={list!.Metadata.ResourceVersion}";
            var response = await api.GetAsync(viaDashboard ? $"/ui/watch?path={Uri.EscapeDataString(watch)}" : watch,
                HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            readers.Add(Task.Run(async () =>
            {
                var last = 0L;
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    var now = Stopwatch.GetTimestamp();
                    var e = JsonNode.Parse(line)!;
                    if (viaDashboard) e = e["event"]!;
                    if (e["type"]!.GetValue<string>() != "ADDED") continue;
                    var rv = long.Parse(e["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
                    if (rv < last) Interlocked.Increment(ref outOfOrder);
                    last = rv;
                    seen.TryAdd(e["object"]!["metadata"]!["name"]!.GetValue<string>(), now);
                }
            }));
        }
        Console.WriteLine($"# {pods} pods, {watchers} watchers of namespace {ns}{(viaDashboard ? " through /ui/watch" : "")}, {Environment.ProcessorCount} cores");

        // 1. One write at a time: the latency of one event.
        var sequential = Math.Min(pods, 300);
        var answered = new Dictionary<string, (long Sent, long Answered)>();
        for (var i = 0; i < sequential; i++)
        {
            var name = $"seq-{i}";
            var sent = Stopwatch.GetTimestamp();
            await Create(name);
            answered[name] = (sent, Stopwatch.GetTimestamp());
        }
        await WaitForAll(answered.Keys);
        Report("write answered -> event at a watcher (sequential)", Delays(answered, a => a.Answered));
        Report("write sent -> event at a watcher (sequential)", Delays(answered, a => a.Sent));

        // 2. Writes in parallel: the delay under load.
        var burst = new ConcurrentDictionary<string, (long Sent, long Answered)>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, pods - sequential), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
        {
            var name = $"par-{i}";
            var sent = Stopwatch.GetTimestamp();
            await Create(name);
            burst[name] = (sent, Stopwatch.GetTimestamp());
        });
        var writeSeconds = clock.Elapsed.TotalSeconds;
        await WaitForAll(burst.Keys);
        Console.WriteLine($"{pods - sequential} writes, {parallel} in parallel: {(pods - sequential) / writeSeconds:F0} writes/s; every watcher had every event {clock.Elapsed.TotalSeconds:F2} s after the first write");
        Report($"write answered -> event at a watcher ({parallel} in parallel)", Delays(burst, a => a.Answered));
        Console.WriteLine($"events received out of resourceVersion order: {outOfOrder}");

        stop.Cancel();
        (await api.DeleteAsync($"/api/v1/namespaces/{ns}")).EnsureSuccessStatusCode();
        return;

        async Task Create(string name)
        {
            var pod = new Pod
            {
                Metadata = new ObjectMeta { Name = name },
                Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest" }] },
            };
            (await api.PostAsJsonAsync($"/api/v1/namespaces/{ns}/pods", pod, KubeJson.Options)).EnsureSuccessStatusCode();
        }

        async Task WaitForAll(IEnumerable<string> names)
        {
            var expected = names.ToList();
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!arrivals.All(seen => expected.All(seen.ContainsKey)))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("watch events did not arrive");
                await Task.Delay(5);
            }
        }

        List<double> Delays(IEnumerable<KeyValuePair<string, (long Sent, long Answered)>> writes, Func<(long Sent, long Answered), long> from) =>
            [.. writes.SelectMany(w => arrivals.Select(seen => Stopwatch.GetElapsedTime(from(w.Value), seen[w.Key]).TotalMilliseconds))];
    }

    private static void Report(string what, List<double> values)
    {
        values.Sort();
        double P(double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
        Console.WriteLine($"{what}: p50 {P(0.5):F2} ms, p95 {P(0.95):F2} ms, p99 {P(0.99):F2} ms, max {values[^1]:F2} ms (min {values[0]:F2} ms)");
    }
}
