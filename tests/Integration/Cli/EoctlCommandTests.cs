using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Cli;

/// <summary>eoctl's commands run in-process against a real Api (which serves neither discovery nor Tables nor watch on
/// this branch: eoctl falls back to its built-in kinds, NAME/AGE columns and polling).</summary>
public sealed class EoctlCommandTests(ApiServer api) : IClassFixture<ApiServer>, IDisposable
{
    private readonly EoctlRunner _eoctl = new(api);

    private async Task<string> NamespaceAsync()
    {
        var ns = $"eo-{Guid.NewGuid():N}"[..12];
        var created = await _eoctl.RunWithInputAsync($"{{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{{\"name\":\"{ns}\"}}}}", "apply", "-f", "-");
        Assert.True(created.ExitCode == 0, created.ToString());
        return ns;
    }

    private static string Deployment(string ns, string? replicas = "replicas: 2", string labels = "app: web") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {ns}
          labels: {"{"}{labels}{"}"}
        spec:
          {replicas ?? ""}
          selector: {"{"}matchLabels: {"{"}app: web{"}"}{"}"}
          template:
            metadata: {"{"}labels: {"{"}app: web{"}"}{"}"}
            spec:
              containers:
              - name: main
                image: eventorch/busybox:latest
                command: [sh, -c, "exec httpd -f -p 8080"]
                ports: [{"{"}containerPort: 8080{"}"}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {"{"}name: web, namespace: {ns}{"}"}
        spec:
          selector: {"{"}app: web{"}"}
          ports: [{"{"}port: 80, targetPort: 8080{"}"}]
        """;

    private async Task<JsonObject> GetJsonAsync(string path) =>
        (JsonObject)JsonNode.Parse(await (await api.Client.GetAsync(path)).Content.ReadAsStringAsync())!;

    [Fact]
    public async Task Apply_creates_then_configures_then_leaves_unchanged_and_keeps_what_the_file_does_not_set()
    {
        var ns = await NamespaceAsync();
        var file = _eoctl.Write("web.yaml", Deployment(ns, replicas: null));

        var created = await _eoctl.RunAsync("apply", "-f", file);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal("deployment.apps/web created\nservice/web created\n", created.Out);

        // Another writer scales it and the server fills in defaults and a cluster IP: the same file changes nothing.
        Assert.Equal(0, (await _eoctl.RunAsync("scale", "deploy/web", "--replicas=4", "-n", ns)).ExitCode);
        var again = await _eoctl.RunAsync("apply", "-f", file);
        Assert.Equal("deployment.apps/web unchanged\nservice/web unchanged\n", again.Out);

        _eoctl.Write("web.yaml", Deployment(ns, replicas: null, labels: "app: web, tier: front"));
        var changed = await _eoctl.RunAsync("apply", "-f", file);
        Assert.Equal("deployment.apps/web configured\nservice/web unchanged\n", changed.Out);

        var live = await GetJsonAsync($"/apis/apps/v1/namespaces/{ns}/deployments/web");
        Assert.Equal(4, live["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("front", live["metadata"]!["labels"]!["tier"]!.GetValue<string>());
        Assert.Contains("\"tier\":\"front\"", live["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!.GetValue<string>());

        // A label the last apply gave and this file drops is removed.
        _eoctl.Write("web.yaml", Deployment(ns, replicas: null));
        Assert.Equal("deployment.apps/web configured\nservice/web unchanged\n", (await _eoctl.RunAsync("apply", "-f", file)).Out);
        live = await GetJsonAsync($"/apis/apps/v1/namespaces/{ns}/deployments/web");
        Assert.Null(live["metadata"]!["labels"]!["tier"]);
    }

    [Fact]
    public async Task Apply_reports_an_invalid_object_as_kubectl_does_and_applies_the_others()
    {
        var ns = await NamespaceAsync();
        var file = _eoctl.Write("mixed.yaml", Deployment(ns, replicas: "replicas: -1"));

        var result = await _eoctl.RunAsync("apply", "-f", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("service/web created\n", result.Out);
        Assert.StartsWith("The Deployment \"web\" is invalid: spec.replicas: ", result.Error);
    }

    [Fact]
    public async Task Apply_switches_a_deployments_strategy_to_recreate_dropping_the_defaulted_rolling_update()
    {
        var ns = await NamespaceAsync();
        var file = _eoctl.Write("web.yaml", Deployment(ns));
        Assert.Equal(0, (await _eoctl.RunAsync("apply", "-f", file)).ExitCode);
        var before = await GetJsonAsync($"/apis/apps/v1/namespaces/{ns}/deployments/web");
        Assert.NotNull(before["spec"]!["strategy"]!["rollingUpdate"]);

        _eoctl.Write("web.yaml", Deployment(ns, replicas: "replicas: 2\n  strategy: {type: Recreate}"));
        var switched = await _eoctl.RunAsync("apply", "-f", file);

        Assert.True(switched.ExitCode == 0, switched.ToString());
        Assert.Equal("deployment.apps/web configured\nservice/web unchanged\n", switched.Out);
        var live = await GetJsonAsync($"/apis/apps/v1/namespaces/{ns}/deployments/web");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"Recreate"}"""), live["spec"]!["strategy"]), live["spec"]!["strategy"]!.ToJsonString());
    }

    [Fact]
    public async Task Apply_refuses_a_namespace_flag_that_contradicts_the_file()
    {
        var ns = await NamespaceAsync();

        var result = await _eoctl.RunAsync("apply", "-f", _eoctl.Write("web.yaml", Deployment(ns)), "-n", "elsewhere");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"the namespace from the provided object \"{ns}\" does not match the namespace \"elsewhere\"", result.Error);
    }

    [Fact]
    public async Task Get_prints_names_and_ages_in_every_output_format()
    {
        var ns = await NamespaceAsync();
        await _eoctl.RunAsync("apply", "-f", _eoctl.Write("web.yaml", Deployment(ns)));

        var table = await _eoctl.RunAsync("get", "deploy,svc", "-n", ns);
        var names = await _eoctl.RunAsync("get", "deployments.apps", "-n", ns, "-o", "name");
        var yaml = await _eoctl.RunAsync("get", "svc/web", "-n", ns, "-o", "yaml");
        var json = await _eoctl.RunAsync("get", "Deployment", "web", "-n", ns, "-o", "json");
        var all = await _eoctl.RunAsync("get", "svc", "-A", "-l", "app!=nothing");

        Assert.True(table.ExitCode == 0, table.ToString());
        // NAME and AGE here; the server's own columns between them once it serves Tables.
        Assert.Matches(@"^NAME\s.*AGE\ndeployment\.apps/web\s.*\d+s\n\nNAME\s.*AGE\nservice/web\s.*\d+s\n$", table.Out);
        Assert.Equal("deployment.apps/web\n", names.Out);
        Assert.Contains("kind: Service\n", yaml.Out);
        Assert.Matches(@"\n  ports:\n  - (\w+: \S+\n    )*port: 80\n", yaml.Out);
        Assert.Equal(2, JsonNode.Parse(json.Out)!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Matches($@"(?m)^{ns}\s+web\s.*\d+s$", all.Out);
    }

    [Fact]
    public async Task Get_watch_prints_a_line_for_each_object_that_appears_changes_or_goes_until_stopped()
    {
        var ns = await NamespaceAsync();
        await _eoctl.RunWithInputAsync($"apiVersion: v1\nkind: Service\nmetadata: {{name: first, namespace: {ns}}}\nspec: {{ports: [{{port: 80}}]}}\n", "apply", "-f", "-");
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var watching = _eoctl.StartAsync(stop.Token, out var output, "get", "svc", "-w", "-n", ns);
        await Eventually.WaitFor(() => output().Contains("first"), "the listing");

        await _eoctl.RunWithInputAsync($"apiVersion: v1\nkind: Service\nmetadata: {{name: second, namespace: {ns}}}\nspec: {{ports: [{{port: 80}}]}}\n", "apply", "-f", "-");
        await Eventually.WaitFor(() => output().Contains("second"), "the new service's line");
        await _eoctl.RunAsync("delete", "svc/first", "-n", ns);
        await Eventually.WaitFor(() => output().Split('\n').Count(l => l.StartsWith("first")) == 2, "the deleted service's line");
        await stop.CancelAsync();

        Assert.Equal(130, await watching);
        var lines = output().TrimEnd('\n').Split('\n');
        Assert.Matches(@"^NAME\s", lines[0]);
        Assert.Equal(["first", "second", "first"], lines.Skip(1).Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public async Task Get_of_a_missing_object_prints_the_servers_status_and_fails()
    {
        var ns = await NamespaceAsync();

        var missing = await _eoctl.RunAsync("get", "pods", "nope", "-n", ns);
        var empty = await _eoctl.RunAsync("get", "pods", "-n", ns);
        var unknown = await _eoctl.RunAsync("get", "widgets");

        Assert.Equal((1, "Error from server (NotFound): pods \"nope\" not found\n"), (missing.ExitCode, missing.Error));
        Assert.Equal((0, "", $"No resources found in {ns} namespace.\n"), (empty.ExitCode, empty.Out, empty.Error));
        Assert.Equal((1, "error: the server doesn't have a resource type \"widgets\"\n"), (unknown.ExitCode, unknown.Error));
    }

    [Fact]
    public async Task Scale_sets_the_replicas_through_the_scale_subresource_and_checks_current_replicas()
    {
        var ns = await NamespaceAsync();
        await _eoctl.RunAsync("apply", "-f", _eoctl.Write("web.yaml", Deployment(ns)));

        var scaled = await _eoctl.RunAsync("scale", "deployment", "web", "--replicas", "5", "-n", ns);
        var refused = await _eoctl.RunAsync("scale", "deploy/web", "--replicas=1", "--current-replicas=3", "-n", ns);
        var notScalable = await _eoctl.RunAsync("scale", "svc/web", "--replicas=1", "-n", ns);

        Assert.Equal((0, "deployment.apps/web scaled\n"), (scaled.ExitCode, scaled.Out));
        Assert.Equal((1, "error: Expected replicas to be 3, was 5\n"), (refused.ExitCode, refused.Error));
        Assert.Equal(1, notScalable.ExitCode);
        var live = await GetJsonAsync($"/apis/apps/v1/namespaces/{ns}/deployments/web");
        Assert.Equal(5, live["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Delete_waits_until_the_objects_are_gone_and_reports_one_that_is_not_there()
    {
        var ns = await NamespaceAsync();
        var file = _eoctl.Write("web.yaml", Deployment(ns));
        await _eoctl.RunAsync("apply", "-f", file);

        var deleted = await _eoctl.RunAsync("delete", "-f", file);
        var again = await _eoctl.RunAsync("delete", "deploy/web", "-n", ns);
        var ignored = await _eoctl.RunAsync("delete", "deploy/web", "-n", ns, "--ignore-not-found");

        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal("deployment.apps \"web\" deleted\nservice \"web\" deleted\n", deleted.Out);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await api.Client.GetAsync($"/apis/apps/v1/namespaces/{ns}/deployments/web")).StatusCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Matches(@"^Error from server \(NotFound\): deployments(\.apps)? ""web"" not found\n$", again.Error);
        Assert.Equal((0, ""), (ignored.ExitCode, ignored.Error));
    }

    [Fact]
    public async Task Delete_with_force_removes_at_once_warning_as_kubectl_does_and_force_alone_needs_no_grace_period()
    {
        var ns = await NamespaceAsync();
        Assert.Equal(0, (await _eoctl.RunWithInputAsync($"apiVersion: v1\nkind: Service\nmetadata: {{name: web, namespace: {ns}}}\nspec: {{ports: [{{port: 80}}]}}\n",
            "apply", "-f", "-")).ExitCode);

        var refused = await _eoctl.RunAsync("delete", "svc/web", "-n", ns, "--force", "--grace-period=5");
        var forced = await _eoctl.RunAsync("delete", "svc/web", "-n", ns, "--force");

        Assert.Equal((1, "error: --force and --grace-period greater than 0 cannot be specified together\n"), (refused.ExitCode, refused.Error));
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal("service \"web\" force deleted\n", forced.Out);
        Assert.StartsWith("Warning: Immediate deletion does not wait for confirmation", forced.Error);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await api.Client.GetAsync($"/api/v1/namespaces/{ns}/services/web")).StatusCode);
    }

    [Fact]
    public async Task Delete_by_selector_removes_only_what_it_matches()
    {
        var ns = await NamespaceAsync();
        foreach (var (name, app) in new[] { ("a", "x"), ("b", "x"), ("c", "y") })
        {
            var service = $"apiVersion: v1\nkind: Service\nmetadata: {{name: {name}, namespace: {ns}, labels: {{app: {app}}}}}\nspec: {{ports: [{{port: 80}}]}}\n";
            Assert.Equal(0, (await _eoctl.RunWithInputAsync(service, "apply", "-f", "-")).ExitCode);
        }

        var deleted = await _eoctl.RunAsync("delete", "svc", "-l", "app=x", "-n", ns);
        var left = await _eoctl.RunAsync("get", "svc", "-n", ns, "-o", "name");

        Assert.Equal("service \"a\" deleted\nservice \"b\" deleted\n", deleted.Out);
        Assert.Equal("service/c\n", left.Out);
    }

    [Fact]
    public async Task Describe_shows_metadata_fields_and_the_deployment_summary()
    {
        var ns = await NamespaceAsync();
        await _eoctl.RunAsync("apply", "-f", _eoctl.Write("web.yaml", Deployment(ns)));

        var described = await _eoctl.RunAsync("describe", "deploy/web", "-n", ns);

        Assert.True(described.ExitCode == 0, described.ToString());
        Assert.Contains("Name:               web\n", described.Out);
        Assert.Contains($"Namespace:          {ns}\n", described.Out);
        Assert.Matches(@"Replicas:\s+2 desired \| 0 updated \| 0 total \| 0 available \| 0 unavailable", described.Out);
        Assert.Matches(@"\n {8}Ports:\n {10}Container Port:\s+8080\n", described.Out);
        Assert.DoesNotContain("last-applied-configuration", described.Out);
    }

    [Fact]
    public async Task Rollout_undo_puts_the_previous_revisions_template_back_without_its_hash_label()
    {
        var ns = await NamespaceAsync();
        await _eoctl.RunAsync("apply", "-f", _eoctl.Write("web.yaml", Deployment(ns)));
        var deployment = await GetJsonAsync($"/apis/apps/v1/namespaces/{ns}/deployments/web");
        // Two revisions as the deployment controller would have left them (no controller runs here).
        foreach (var (revision, image) in new[] { (1, "eventorch/busybox:v1"), (2, "eventorch/busybox:latest") })
        {
            var template = deployment["spec"]!["template"]!.DeepClone();
            template["metadata"]!["labels"]!["pod-template-hash"] = $"h{revision}";
            template["spec"]!["containers"]![0]!["image"] = image;
            var replicaSet = new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "ReplicaSet",
                ["metadata"] = new JsonObject
                {
                    ["name"] = $"web-h{revision}",
                    ["labels"] = new JsonObject { ["app"] = "web", ["pod-template-hash"] = $"h{revision}" },
                    ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = revision.ToString(), ["note"] = $"r{revision}" },
                    ["ownerReferences"] = new JsonArray(new JsonObject
                    {
                        ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "web",
                        ["uid"] = deployment["metadata"]!["uid"]!.DeepClone(), ["controller"] = true,
                    }),
                },
                ["spec"] = new JsonObject
                {
                    ["replicas"] = 0,
                    ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web", ["pod-template-hash"] = $"h{revision}" } },
                    ["template"] = template,
                },
            };
            var response = await api.Client.PostAsync($"/apis/apps/v1/namespaces/{ns}/replicasets",
                new StringContent(replicaSet.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var undone = await _eoctl.RunAsync("rollout", "undo", "deploy/web", "-n", ns);
        var again = await _eoctl.RunAsync("rollout", "undo", "deploy/web", "-n", ns, "--to-revision=1");
        var missing = await _eoctl.RunAsync("rollout", "undo", "deploy/web", "-n", ns, "--to-revision=7");

        Assert.Equal((0, "deployment.apps/web rolled back\n"), (undone.ExitCode, undone.Out));
        var live = (await GetJsonAsync($"/apis/apps/v1/namespaces/{ns}/deployments/web")).Deserialize<Deployment>(KubeJson.Options)!;
        Assert.Equal("eventorch/busybox:v1", live.Spec.Template!.Spec.Containers[0].Image);
        Assert.False(live.Spec.Template.Metadata!.Labels!.ContainsKey("pod-template-hash"));
        Assert.Equal("r1", live.Metadata.Annotations!["note"]);
        Assert.True(live.Metadata.Annotations.ContainsKey("kubectl.kubernetes.io/last-applied-configuration"));
        Assert.Equal("deployment.apps/web skipped rollback (current template already matches revision 1)\n", again.Out);
        Assert.Equal((1, "error: unable to find specified revision 7 in history\n"), (missing.ExitCode, missing.Error));
    }

    public void Dispose() => _eoctl.Dispose();
}
