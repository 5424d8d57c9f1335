using System.Diagnostics;
using System.Net.Http.Json;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using EventOrch.Tests.Support;

/// <summary>Time travel on one object with a long history: a Deployment is scaled N times (N+1 events in its stream),
/// then GET ?asOf= is timed at points early, in the middle and at the end of that history, by resourceVersion and by
/// time, beside a plain GET of the live object. The first GET of each point is reported apart: the first read of a
/// stretch of history folds it and leaves snapshots.</summary>
internal static class AsOfLatency
{
    public static async Task RunAsync(HttpClient api, int events, int requests)
    {
        var ns = $"asof-{Guid.NewGuid():N}"[..13];
        (await api.PostAsJsonAsync("/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } }, KubeJson.Options)).EnsureSuccessStatusCode();
        var path = $"/apis/apps/v1/namespaces/{ns}/deployments/web";
        var created = await (await api.PostAsJsonAsync($"/apis/apps/v1/namespaces/{ns}/deployments", Deployment(), KubeJson.Options))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Deployment>(KubeJson.Options);
        var points = new List<(string Name, string AsOf)> { ("first event (rv)", created!.Metadata.ResourceVersion!) };
        var clock = Stopwatch.StartNew();
        for (var i = 1; i < events; i++)
        {
            var patch = JsonContent.Create(new { spec = new { replicas = i % 10 + 1 } },
                mediaType: new System.Net.Http.Headers.MediaTypeHeaderValue("application/merge-patch+json"), options: KubeJson.Options);
            var scale = await (await api.PatchAsync($"{path}/scale", patch)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Scale>(KubeJson.Options);
            if (i == events / 2)
            {
                points.Add(("middle (rv)", scale!.Metadata.ResourceVersion!));
                points.Add(("middle (time)", DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)));
            }
            if (i == events - 1) points.Add(("last event (rv)", scale!.Metadata.ResourceVersion!));
        }
        Console.WriteLine($"{events} events in one Deployment's stream, written in {clock.Elapsed.TotalSeconds:F1} s");

        await MeasureAsync(api, "live GET (no asOf)", path, requests);
        foreach (var (name, asOf) in points) await MeasureAsync(api, $"asOf {name}", $"{path}?asOf={Uri.EscapeDataString(asOf)}", requests);
        (await api.DeleteAsync($"/api/v1/namespaces/{ns}")).EnsureSuccessStatusCode();
    }

    private static async Task MeasureAsync(HttpClient api, string name, string path, int requests)
    {
        var first = Stopwatch.StartNew();
        (await api.GetAsync(path)).EnsureSuccessStatusCode();
        var firstMs = first.Elapsed.TotalMilliseconds;
        for (var i = 0; i < 4; i++) (await api.GetAsync(path)).EnsureSuccessStatusCode();
        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await api.GetAsync(path);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{name,-24} {requests} GETs: p50 {times[requests / 2]:F1} ms, p95 {times[(int)(requests * 0.95)]:F1} ms, p99 {times[(int)(requests * 0.99)]:F1} ms; the first {firstMs:F1} ms");
    }

    private static Deployment Deployment() => TestReplicaSets.NewDeployment("web", 1);
}
