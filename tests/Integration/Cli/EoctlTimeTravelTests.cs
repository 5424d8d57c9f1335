using System.Text.Json.Nodes;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Cli;

/// <summary><c>eoctl get --as-of</c> and <c>eoctl diff --from --to</c> run in-process against a real Api.</summary>
public sealed class EoctlTimeTravelTests(ApiServer api) : IClassFixture<ApiServer>, IDisposable
{
    private readonly EoctlRunner _eoctl = new(api);

    private async Task<string> NamespaceAsync() => await api.Client.CreateNamespaceAsync("eo-tt");

    private string Deployment(string ns, int replicas) => _eoctl.Write($"web-{ns}-{replicas}.yaml", $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: {{{ns}}}}
        spec:
          replicas: {{{replicas}}}
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: main, image: "eventorch/busybox:latest"}
        """);

    private async Task<string> ResourceVersionAsync(string path) =>
        JsonNode.Parse(await (await api.Client.GetAsync(path)).Content.ReadAsStringAsync())!["metadata"]!["resourceVersion"]!.GetValue<string>();

    private async Task<EoctlResult> SucceedAsync(params string[] args)
    {
        var result = await _eoctl.RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    [Fact]
    public async Task Get_as_of_a_resource_version_shows_the_replicas_before_a_scale()
    {
        var ns = await NamespaceAsync();
        await SucceedAsync("apply", "-f", Deployment(ns, 2));
        var before = await ResourceVersionAsync($"/apis/apps/v1/namespaces/{ns}/deployments/web");
        await SucceedAsync("scale", "deploy/web", "--replicas=4", "-n", ns);

        var then = await SucceedAsync("get", "deploy/web", "-n", ns, "--as-of", before, "-o", "json");
        var now = await SucceedAsync("get", "deploy/web", "-n", ns, "-o", "json");
        var listed = await SucceedAsync("get", "deployments", "-n", ns, "--as-of", before, "-o", "name");

        Assert.Equal(2, JsonNode.Parse(then.Out)!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(4, JsonNode.Parse(now.Out)!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("deployment.apps/web\n", listed.Out);
    }

    [Fact]
    public async Task Diff_shows_the_fields_changed_between_two_points_and_across_a_delete()
    {
        var ns = await NamespaceAsync();
        await SucceedAsync("apply", "-f", Deployment(ns, 2));
        var first = await ResourceVersionAsync($"/apis/apps/v1/namespaces/{ns}/deployments/web");
        await SucceedAsync("scale", "deploy/web", "--replicas=3", "-n", ns);
        var second = await ResourceVersionAsync($"/apis/apps/v1/namespaces/{ns}/deployments/web");
        await SucceedAsync("delete", "deploy/web", "-n", ns);

        var scaled = await SucceedAsync("diff", "deploy/web", "-n", ns, "--from", first, "--to", second);
        var deleted = await SucceedAsync("diff", "deployment", "web", "-n", ns, "--from", second);
        var unchanged = await SucceedAsync("diff", "deploy/web", "-n", ns, "--from", second, "--to", second);

        Assert.Equal($"--- deployment.apps/web as of {first} (resourceVersion {first})\n+++ deployment.apps/web as of {second} (resourceVersion {second})\n",
            string.Concat(scaled.Out.Split('\n').Take(2).Select(l => l + "\n")));
        Assert.Contains("~ spec.replicas: 2 -> 3\n", scaled.Out);
        Assert.DoesNotContain("resourceVersion:", scaled.Out);
        Assert.Contains("+++ deployment.apps/web now (did not exist)\n", deleted.Out);
        Assert.Contains("- spec.replicas: 3\n", deleted.Out);
        Assert.EndsWith("no changes\n", unchanged.Out);
    }

    [Fact]
    public async Task A_point_that_is_not_one_or_as_of_with_watch_is_an_error()
    {
        var badPoint = await _eoctl.RunAsync("get", "pods", "--as-of", "yesterday");
        var watch = await _eoctl.RunAsync("get", "pods", "--as-of", "10m", "-w");
        var never = await _eoctl.RunAsync("diff", "deploy/never-was", "--from", "1h");

        Assert.Equal((1, "error: invalid argument \"yesterday\" for \"--as-of\" flag: give an RFC 3339 time (2026-11-24T10:00:00Z), a resourceVersion (12345) or a duration ago (10m)\n"),
            (badPoint.ExitCode, badPoint.Error));
        Assert.Equal((1, "error: --as-of cannot be used with --watch: the past does not change\n"), (watch.ExitCode, watch.Error));
        Assert.Equal(1, never.ExitCode);
        Assert.StartsWith("error: deployment.apps/never-was did not exist at ", never.Error);
    }

    public void Dispose() => _eoctl.Dispose();
}
