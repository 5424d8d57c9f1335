using System.Diagnostics;
using System.Net.Http.Json;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

/// <summary>Storage on the real Docker Engine, per run: a `shared` claim from POST to Bound (the binder hands it to the
/// shared provisioner, which makes the directory and the volume); a pod on a new `local` claim from POST to Ready
/// (scheduling with selected-node, the node agent's Docker volume, binding, attachment, start); a 3-member StatefulSet
/// on `local` claims from POST to 3 Ready (OrderedReady: one member at a time); and a deleted member until it is Ready
/// again on its claim.</summary>
internal static class StorageTimes
{
    public static async Task RunAsync(HttpClient api, int runs)
    {
        var results = new Dictionary<string, List<double>>();
        for (var run = 1; run <= runs; run++)
        {
            var ns = $"storage-{Guid.NewGuid():N}"[..16];
            await PostAsync(api, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } });
            var claims = $"/api/v1/namespaces/{ns}/persistentvolumeclaims";

            var clock = Stopwatch.StartNew();
            await PostAsync(api, claims, Claim("shared-data", "shared"));
            await UntilAsync(async () => (await api.GetFromJsonAsync<PersistentVolumeClaim>($"{claims}/shared-data", KubeJson.Options))!.Status?.Phase == PersistentVolumes.Bound);
            Record(results, "shared claim to Bound", clock, run);

            clock.Restart();
            await PostAsync(api, claims, Claim("local-data", "local"));
            await PostAsync(api, $"/api/v1/namespaces/{ns}/pods", new Pod { Metadata = new ObjectMeta { Name = "user" }, Spec = Member("user", "local-data").Spec });
            await UntilAsync(async () => (await ReadyPodsAsync(api, ns)).Contains("user"));
            Record(results, "pod on a new local claim to Ready", clock, run);

            clock.Restart();
            await PostAsync(api, $"/apis/apps/v1/namespaces/{ns}/statefulsets", new StatefulSet
            {
                Metadata = new ObjectMeta { Name = "db" },
                Spec = new StatefulSetSpec
                {
                    Replicas = 3, ServiceName = "db", Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "db" } },
                    Template = Member("db", null), VolumeClaimTemplates = [Claim("data", "local")],
                },
            });
            await UntilAsync(async () => (await ReadyPodsAsync(api, ns)).Count(p => p.StartsWith("db-", StringComparison.Ordinal)) == 3);
            Record(results, "3-member StatefulSet to 3 Ready", clock, run);

            var before = (await api.GetFromJsonAsync<Pod>($"/api/v1/namespaces/{ns}/pods/db-1", KubeJson.Options))!.Metadata.Uid;
            clock.Restart();
            (await api.DeleteAsync($"/api/v1/namespaces/{ns}/pods/db-1")).EnsureSuccessStatusCode();
            await UntilAsync(async () => (await api.GetFromJsonAsync<ObjectList<Pod>>($"/api/v1/namespaces/{ns}/pods", KubeJson.Options))!.Items
                .Any(p => p.Metadata.Name == "db-1" && p.Metadata.Uid != before && p.IsReady()));
            Record(results, "deleted member db-1 Ready again", clock, run);

            (await api.DeleteAsync($"/api/v1/namespaces/{ns}")).EnsureSuccessStatusCode();
        }
        foreach (var (what, times) in results)
        {
            times.Sort();
            Console.WriteLine($"{what} over {runs} runs: median {times[times.Count / 2]:F2} s, worst {times[^1]:F2} s");
        }
    }

    private static void Record(Dictionary<string, List<double>> results, string what, Stopwatch clock, int run)
    {
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"run {run}: {what} in {seconds:F2} s");
        (results.TryGetValue(what, out var list) ? list : results[what] = []).Add(seconds);
    }

    private static async Task PostAsync<T>(HttpClient api, string path, T body)
    {
        using var response = await api.PostAsJsonAsync(path, body, KubeJson.Options);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<List<string>> ReadyPodsAsync(HttpClient api, string ns) =>
        (await api.GetFromJsonAsync<ObjectList<Pod>>($"/api/v1/namespaces/{ns}/pods", KubeJson.Options))!.Items
            .Where(p => p.IsReady() && p.Metadata.DeletionTimestamp is null).Select(p => p.Metadata.Name!).ToList();

    private static async Task UntilAsync(Func<Task<bool>> done)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(180)) throw new TimeoutException("not done after 180 s");
            await Task.Delay(50);
        }
    }

    private static PersistentVolumeClaim Claim(string name, string storageClass) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = [PersistentVolumes.ReadWriteOnce],
            StorageClassName = storageClass,
            Resources = new ResourceRequirements { Requests = new() { ["storage"] = "16Mi" } },
        },
    };

    // An httpd serving its volume, Ready once it answers.
    private static PodTemplateSpec Member(string app, string? claim)
    {
        var template = Rollout.HttpdTemplate(app);
        return template with
        {
            Spec = template.Spec with
            {
                Containers = [template.Spec.Containers[0] with
                {
                    Command = ["sh", "-c", "hostname >> /data/log && hostname > /data/index.html && exec httpd -f -p 8080 -h /data"],
                    VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }],
                }],
                Volumes = claim is null ? null : [new Volume { Name = "data", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = claim } }],
            },
        };
    }
}
