using System.Diagnostics;
using System.Net.Http.Json;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using EventOrch.Tests.Support;

/// <summary>Autoscaling reaction time on the real stack: a Deployment of 1 httpd replica behind a Service, with an
/// autoscaler on the proxy's requests per second (target 5 per pod, max 4). A load of 20 requests a second through the
/// proxy's entry point starts the clock (it is above the target from its first second); the benchmark notes when the
/// autoscaler wrote the new count (the decision) and when that many replicas were Ready. The load then stops and the
/// Deployment is brought back to 1 (scale-down window 5 s) before the next run.</summary>
internal static class AutoscaleReaction
{
    public static async Task RunAsync(HttpClient api, int runs)
    {
        var ns = $"hpa-{Guid.NewGuid():N}"[..12];
        (await api.PostAsJsonAsync("/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } }, KubeJson.Options)).EnsureSuccessStatusCode();
        var deployment = $"/apis/apps/v1/namespaces/{ns}/deployments";
        (await api.PostAsJsonAsync(deployment, new Deployment
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new DeploymentSpec { Replicas = 1, Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } }, Template = Rollout.HttpdTemplate("web") },
        }, KubeJson.Options)).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/v1/namespaces/{ns}/services", new Service
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new ServiceSpec { Selector = new() { ["app"] = "web" }, Ports = [new ServicePort { Port = 80, TargetPort = new IntOrString(8080) }] },
        }, KubeJson.Options)).EnsureSuccessStatusCode();
        await ReadyAsync(api, ns, 1);
        (await api.PostAsJsonAsync($"/apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers",
            RequestLoad.RequestsPerSecondAutoscaler("web", perPod: "5", min: 1, max: 4, scaleDownWindowSeconds: 5), KubeJson.Options)).EnsureSuccessStatusCode();

        var decisions = new List<double>();
        var ready = new List<double>();
        using var traffic = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var run = 1; run <= runs; run++)
        {
            using var stop = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            // Bounded: at most 5 minutes of load.
            var load = RequestLoad.RunAsync(traffic, $"web.{ns}", 20, 20 * 300, TimeSpan.FromMinutes(5), stop.Token);
            await WaitAsync(async () => await ReplicasAsync(api, $"{deployment}/web") > 1, "the autoscaler's scale up");
            var decision = clock.Elapsed.TotalSeconds;
            var target = await ReplicasAsync(api, $"{deployment}/web");
            await ReadyAsync(api, ns, target);
            var readyAt = clock.Elapsed.TotalSeconds;
            stop.Cancel();
            var sent = await load;
            decisions.Add(decision);
            ready.Add(readyAt);
            Console.WriteLine($"run {run}: scaled 1 -> {target} after {decision:F1} s, {target} replicas Ready after {readyAt:F1} s ({sent} requests sent)");
            await WaitAsync(async () => await ReplicasAsync(api, $"{deployment}/web") == 1, "back to 1 replica", 180);
            await ReadyAsync(api, ns, 1, exactly: true);
        }
        (await api.DeleteAsync($"/api/v1/namespaces/{ns}")).EnsureSuccessStatusCode();
        decisions.Sort();
        ready.Sort();
        Console.WriteLine($"autoscaling reaction over {runs} runs: decision median {decisions[decisions.Count / 2]:F1} s (worst {decisions[^1]:F1} s), "
            + $"new replicas Ready median {ready[ready.Count / 2]:F1} s (worst {ready[^1]:F1} s)");
    }

    private static async Task<int> ReplicasAsync(HttpClient api, string path) =>
        (await api.GetFromJsonAsync<Deployment>(path, KubeJson.Options))!.Spec.Replicas ?? 1;

    private static async Task ReadyAsync(HttpClient api, string ns, int count, bool exactly = false) =>
        await WaitAsync(async () =>
        {
            var pods = (await api.GetFromJsonAsync<ObjectList<Pod>>($"/api/v1/namespaces/{ns}/pods", KubeJson.Options))!.Items;
            var readyPods = pods.Count(p => p.IsReady() && p.Metadata.DeletionTimestamp is null);
            return exactly ? readyPods == count && pods.Count == count : readyPods >= count;
        }, $"{count} replicas Ready");

    private static async Task<bool> WaitAsync(Func<Task<bool>> done, string what, int seconds = 120)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds)) throw new TimeoutException($"{what}: not after {seconds} s");
            await Task.Delay(100);
        }
        return true;
    }
}
