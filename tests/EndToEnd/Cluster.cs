using System.Diagnostics;
using System.Net.Http.Headers;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.EndToEnd;

/// <summary>The cluster ./eo up started: an admin client for its Api, the Docker CLI, and its processes.</summary>
public static class Cluster
{
    /// <summary>The admin token ./eo up wrote.</summary>
    public static string AdminToken() => File.ReadAllText(Path.Combine(Services.RepositoryRoot, ".eo", "tokens", "admin.token")).Trim();

    public static HttpClient AdminClient()
    {
        var token = AdminToken();
        var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:8080") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<string> NewNamespaceAsync(this HttpClient client)
    {
        var name = $"e2e-{Guid.NewGuid():N}"[..12];
        await client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = name } });
        return name;
    }

    /// <summary>POSTs a JSON body (a create) and asserts it was created.</summary>
    public static async Task PostJsonAsync(this HttpClient client, string path, string json)
    {
        using var response = await client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Makes <paramref name="user"/> an admin of <paramref name="namespace"/>: a RoleBinding of the default admin ClusterRole.</summary>
    public static Task GrantNamespaceAdminAsync(this HttpClient admin, string @namespace, string user) =>
        admin.PostJsonAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{@namespace}/rolebindings",
            $$"""{"metadata":{"name":"{{user}}-admin"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"admin"},"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"{{user}}"}]}""");

    public static string Docker(string arguments) => Run("docker", arguments);

    /// <summary>Starts whatever component of ./eo up is not running (after a test killed one).</summary>
    public static string EoUp() => Run(Path.Combine(Services.RepositoryRoot, "eo"), "up", ("EO_BUILT", "1"));

    /// <summary>The pid ./eo up recorded for a component (api, controllers, node-agent-node-2, ...).</summary>
    public static int Pid(string component) => int.Parse(File.ReadAllText(Path.Combine(Services.RepositoryRoot, ".eo", "run", $"{component}.pid")).Trim());

    public static void Kill(int pid) => Process.GetProcessById(pid).Kill();

    /// <summary>An httpd replica that serves its own pod name and is Ready once it answers.</summary>
    public static PodTemplateSpec WebTemplate(string app, Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = app }, Annotations = annotations },
        Spec = new PodSpec
        {
            TerminationGracePeriodSeconds = 1,
            Containers = [new Container
            {
                Name = "httpd", Image = "eventorch/busybox:latest", ImagePullPolicy = "IfNotPresent",
                Command = ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"],
                Ports = [new ContainerPort { Name = "http", Number = 8080 }],
                ReadinessProbe = new Probe { HttpGet = new HttpGetAction { Port = new IntOrString(8080), Path = "/" }, PeriodSeconds = 1 },
            }],
        },
    };

    /// <summary>The pods of a namespace that are Ready and not being deleted, once <paramref name="done"/> holds.</summary>
    public static Task<List<Pod>> ReadyPodsAsync(this HttpClient client, string @namespace, Func<List<Pod>, bool> done, string what, int seconds = 90) =>
        Eventually.WaitFor(async () => (await client.ListPodsAsync(@namespace)).Items
            .Where(p => p.IsReady() && p.Metadata.DeletionTimestamp is null).ToList(), done, what, TimeSpan.FromSeconds(seconds));

    /// <summary>Runs the eoctl ./eo up installed (users, tokens) and returns what it printed.</summary>
    public static string Eoctl(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(Services.RepositoryRoot, ".eo", "bin", "eoctl"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"eoctl {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}{output}");
        return output;
    }

    private static string Run(string file, string arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {arguments} failed ({process.ExitCode}): {stderr.Result}{output}");
        return output;
    }
}

/// <summary>Tests that kill components: they run alone, after the others, so no other test sees the disruption.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Disruptive
{
    public const string Name = "disruptive";
}
