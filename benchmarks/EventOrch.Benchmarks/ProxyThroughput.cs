using System.Diagnostics;
using System.Net.Http.Json;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

/// <summary>The ServiceProxy's cost: the same pod (busybox httpd serving a small page) is driven for a fixed time by
/// the same closed-loop client, once directly on the host port its node agent published, once through the proxy's
/// entry point by Host name, and once through the Service's node port. Each run reports requests per second and
/// p50/p99 latency; the summary gives the proxy's figures as a ratio of the direct ones.</summary>
internal static class ProxyThroughput
{
    public static async Task RunAsync(HttpClient api, int seconds, int concurrency)
    {
        var ns = $"proxy-{Guid.NewGuid():N}"[..14];
        (await api.PostAsJsonAsync("/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } }, KubeJson.Options)).EnsureSuccessStatusCode();
        try
        {
            (await api.PostAsJsonAsync($"/apis/apps/v1/namespaces/{ns}/deployments", new Deployment
            {
                Metadata = new ObjectMeta { Name = "web" },
                Spec = new DeploymentSpec { Replicas = 1, Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } }, Template = Rollout.HttpdTemplate("web") },
            }, KubeJson.Options)).EnsureSuccessStatusCode();
            var created = await api.PostAsJsonAsync($"/api/v1/namespaces/{ns}/services", new Service
            {
                Metadata = new ObjectMeta { Name = "web" },
                Spec = new ServiceSpec { Type = ServiceTypes.NodePort, Selector = new() { ["app"] = "web" }, Ports = [new ServicePort { Port = 80, TargetPort = 8080 }] },
            }, KubeJson.Options);
            created.EnsureSuccessStatusCode();
            var nodePort = (await created.Content.ReadFromJsonAsync<Service>(KubeJson.Options))!.Spec.Ports![0].NodePort!.Value;
            var hostPort = await ReadyEndpointPortAsync(api, ns);

            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
            var direct = await DriveAsync(client, () => new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{hostPort}/"), seconds, concurrency);
            var byHost = await DriveAsync(client, () => new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:8000/") { Headers = { Host = $"web.{ns}.svc" } },
                seconds, concurrency);
            var byNodePort = await DriveAsync(client, () => new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{nodePort}/"), seconds, concurrency);
            Console.WriteLine($"{"target",-28} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"errors",7}");
            foreach (var (name, result) in new[] { ("direct (host port)", direct), ("proxy entry point (Host)", byHost), ("proxy node port", byNodePort) })
                Console.WriteLine($"{name,-28} {result.Rate,8:F0} {result.P50,8:F2} {result.P99,8:F2} {result.Errors,7}");
            Console.WriteLine($"through the proxy (Host): {byHost.Rate / direct.Rate:P0} of the direct throughput, p50 {byHost.P50 - direct.P50:+0.00;-0.00} ms, " +
                $"p99 {byHost.P99 - direct.P99:+0.00;-0.00} ms ({concurrency} concurrent clients, {seconds} s each)");
        }
        finally
        {
            await api.DeleteAsync($"/api/v1/namespaces/{ns}");
        }
    }

    private sealed record Result(double Rate, double P50, double P99, int Errors);

    // A closed loop: each of `concurrency` workers sends its next request when the last one is answered. One second of
    // warm-up first, not counted.
    private static async Task<Result> DriveAsync(HttpClient client, Func<HttpRequestMessage> request, int seconds, int concurrency)
    {
        var latencies = new List<double>[concurrency];
        var errors = 0;
        var warmUp = Stopwatch.StartNew();
        var stopAt = TimeSpan.FromSeconds(seconds + 1);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            while (warmUp.Elapsed < stopAt)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(request());
                    await response.Content.ReadAsByteArrayAsync();
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                if (warmUp.Elapsed >= TimeSpan.FromSeconds(1)) mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new Result(all.Count / (double)seconds, Percentile(all, 0.50), Percentile(all, 0.99), errors);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static async Task<int> ReadyEndpointPortAsync(HttpClient api, string ns)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var endpoints = (await api.GetFromJsonAsync<ObjectList<Endpoints>>($"/api/v1/namespaces/{ns}/endpoints", KubeJson.Options))!.Items;
            if (endpoints.FirstOrDefault()?.Subsets?.FirstOrDefault(s => s.Addresses is { Count: > 0 }) is { } subset) return subset.Ports![0].Port;
            if (clock.Elapsed > TimeSpan.FromSeconds(120)) throw new TimeoutException("the pod did not become a ready endpoint within 120 s");
            await Task.Delay(200);
        }
    }
}
