using System.Diagnostics;
using System.Net.Http.Json;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

/// <summary>Rollout time on the real Docker Engine: a Deployment of N httpd replicas (Ready once they answer HTTP) is
/// rolled to a new template with the default strategy (25% surge, 25% unavailable), and the clock runs from the
/// PATCH until the status reports every replica updated and available. The first rollout (from nothing) is timed too.</summary>
internal static class Rollout
{
    public static async Task RunAsync(HttpClient api, int runs, int replicas)
    {
        var ns = $"rollout-{Guid.NewGuid():N}"[..16];
        (await api.PostAsJsonAsync("/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } }, KubeJson.Options)).EnsureSuccessStatusCode();
        var path = $"/apis/apps/v1/namespaces/{ns}/deployments";
        var clock = Stopwatch.StartNew();
        (await api.PostAsJsonAsync(path, Deployment(replicas), KubeJson.Options)).EnsureSuccessStatusCode();
        await CompleteAsync(api, $"{path}/web", 1, replicas);
        Console.WriteLine($"first rollout: {replicas} replicas available after {clock.Elapsed.TotalSeconds:F1} s");

        var times = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var patch = JsonContent.Create(new { spec = new { template = new { metadata = new { annotations = new { run = $"{run}" } } } } },
                mediaType: new System.Net.Http.Headers.MediaTypeHeaderValue("application/merge-patch+json"), options: KubeJson.Options);
            clock.Restart();
            (await api.PatchAsync($"{path}/web", patch)).EnsureSuccessStatusCode();
            await CompleteAsync(api, $"{path}/web", run + 1, replicas);
            times.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine($"run {run}: rolled {replicas} replicas to a new template in {clock.Elapsed.TotalSeconds:F1} s");
        }
        (await api.DeleteAsync($"/api/v1/namespaces/{ns}")).EnsureSuccessStatusCode();
        times.Sort();
        Console.WriteLine($"rolling update of {replicas} replicas over {runs} runs: median {times[times.Count / 2]:F1} s, worst {times[^1]:F1} s");
    }

    private static async Task CompleteAsync(HttpClient api, string path, long generation, int replicas)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var d = (await api.GetFromJsonAsync<Deployment>(path, KubeJson.Options))!;
            if (d.Status is { } s && s.ObservedGeneration >= generation && s.UpdatedReplicas == replicas && s.Replicas == replicas && s.AvailableReplicas == replicas)
                return;
            if (clock.Elapsed > TimeSpan.FromSeconds(300)) throw new TimeoutException($"rollout of generation {generation} not complete after 300 s");
            await Task.Delay(100);
        }
    }

    private static Deployment Deployment(int replicas) => new()
    {
        Metadata = new ObjectMeta { Name = "web" },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } },
            Template = HttpdTemplate("web"),
        },
    };

    /// <summary>Busybox httpd replicas that serve their pod's name, Ready once they answer (HTTP probe every second).</summary>
    public static PodTemplateSpec HttpdTemplate(string app) => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = app } },
        Spec = new PodSpec
        {
            TerminationGracePeriodSeconds = 1,
            Containers = [new Container
            {
                Name = "httpd", Image = "eventorch/busybox:latest", ImagePullPolicy = "IfNotPresent",
                Command = ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"],
                Ports = [new ContainerPort { Number = 8080 }],
                ReadinessProbe = new Probe { HttpGet = new HttpGetAction { Port = new IntOrString(8080), Path = "/" }, PeriodSeconds = 1 },
            }],
        },
    };
}
