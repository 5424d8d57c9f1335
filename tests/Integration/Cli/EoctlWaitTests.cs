using EventOrch.Tests.Integration.Controllers;

namespace EventOrch.Tests.Integration.Cli;

/// <summary>eoctl's waits against a running cluster (the real Api, scheduler and Controllers host, and a simulated node
/// whose pods turn Ready a moment after they start): apply --wait and rollout status follow a rollout to its end, and
/// end with an error when it cannot finish.</summary>
public sealed class EoctlWaitTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>, IDisposable
{
    private readonly EoctlRunner _eoctl = new(cluster);

    private async Task<string> NamespaceAsync()
    {
        var ns = $"ew-{Guid.NewGuid():N}"[..12];
        Assert.Equal(0, (await _eoctl.RunWithInputAsync($"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {ns}}}\n", "apply", "-f", "-")).ExitCode);
        return ns;
    }

    private static string Web(string ns, string version = "v1", string extraSpec = "", string extraPodSpec = "") => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: {{{ns}}}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          {{{extraSpec}}}
          template:
            metadata: {labels: {app: web}, annotations: {version: "{{{version}}}"}}
            spec:
              {{{extraPodSpec}}}
              containers:
              - {name: main, image: "eventorch/busybox:latest", ports: [{containerPort: 8080}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: {{{ns}}}}
        spec:
          selector: {app: web}
          ports: [{port: 80, targetPort: 8080}]
        """;

    [Fact]
    public async Task Apply_with_wait_follows_the_rollout_and_the_service_until_both_are_ready()
    {
        var ns = await NamespaceAsync();

        var result = await _eoctl.RunAsync("apply", "-f", _eoctl.Write("web.yaml", Web(ns)), "--wait", "--timeout", "90s");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("deployment.apps/web: deployment \"web\" successfully rolled out\n", result.Out);
        Assert.Matches(@"new replicaset web-\w+ \(revision 1\): 2 of 2 pods ready", result.Out);
        Assert.Matches(@"service/web: service ""web"" has 2 ready endpoints", result.Out);
    }

    [Fact]
    public async Task Rollout_status_prints_kubectls_lines_until_a_template_change_has_rolled_out()
    {
        var ns = await NamespaceAsync();
        var file = _eoctl.Write("web.yaml", Web(ns));
        Assert.Equal(0, (await _eoctl.RunAsync("apply", "-f", file, "--wait")).ExitCode);
        _eoctl.Write("web.yaml", Web(ns, version: "v2"));
        Assert.Equal(0, (await _eoctl.RunAsync("apply", "-f", file)).ExitCode);

        var status = await _eoctl.RunAsync("rollout", "status", "deploy/web", "-n", ns, "--timeout", "90s");

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.EndsWith("deployment \"web\" successfully rolled out\n", status.Out);
        Assert.All(status.Out.TrimEnd('\n').Split('\n').SkipLast(1), line => Assert.StartsWith("Waiting for deployment", line));
    }

    [Fact]
    public async Task Apply_with_wait_fails_saying_why_when_the_rollout_exceeds_its_progress_deadline_and_does_not_wait_for_the_rest()
    {
        var ns = await NamespaceAsync();
        // No node has this label: the pods stay Pending, and the deployment gives up after two seconds.
        var file = _eoctl.Write("stuck.yaml", Web(ns, extraSpec: "progressDeadlineSeconds: 2", extraPodSpec: "nodeSelector: {disk: nowhere}"));

        var result = await _eoctl.RunAsync("apply", "-f", file, "--wait", "--timeout", "60s");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: deployment.apps/web: deployment \"web\" exceeded its progress deadline", result.Error);
        // The Service after it is looked at once, not waited for until the timeout.
        Assert.Contains("error: service/web: not waited for after the failure above: Waiting for service \"web\" endpoints", result.Error);
    }

    [Fact]
    public async Task Apply_with_wait_gives_up_at_the_timeout_with_the_last_state_it_saw()
    {
        var ns = await NamespaceAsync();
        var file = _eoctl.Write("pending.yaml", Web(ns, extraPodSpec: "nodeSelector: {disk: nowhere}"));

        var result = await _eoctl.RunAsync("apply", "-f", file, "--wait", "--timeout", "2s");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"error: deployment.apps/web: timed out after 2s waiting for the condition: Waiting for deployment ""web"" rollout to finish", result.Error);
    }

    public void Dispose() => _eoctl.Dispose();
}
