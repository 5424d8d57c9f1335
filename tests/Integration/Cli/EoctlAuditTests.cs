using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Integration.Audit;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Cli;

/// <summary>eoctl history, audit and why, in-process against a real Api.</summary>
public sealed class EoctlAuditTests(AuditApiServer api) : IClassFixture<AuditApiServer>, IDisposable
{
    private readonly EoctlRunner _eoctl = new(api);

    public void Dispose() => _eoctl.Dispose();

    private async Task<string> NamespaceAsync() => await api.Client.CreateNamespaceAsync("eoa");

    [Fact]
    public async Task History_prints_each_event_with_who_and_the_fields_it_changed_for_a_deleted_object_too()
    {
        var ns = await NamespaceAsync();
        await api.Client.CreatePodAsync(ObjectClient.NewPod("web"), ns);
        using var ops = api.ClientAs(AuditApiServer.OpsAdmin);
        await ops.PatchPodAsync("web", new { metadata = new { labels = new { tier = "front" } } }, ns);
        await ops.DeletePodAsync("web", ns);

        var result = await _eoctl.RunAsync("history", "pod/web", "-n", ns);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Split('\n');
        Assert.StartsWith($"Pod {ns}/web (uid ", lines[0]);
        Assert.Contains(", deleted ", lines[0]);
        Assert.Contains(lines, l => l.Contains("PodCreated") && l.Contains(ApiServer.AdminUser));
        Assert.Contains(lines, l => l.Contains("PodMetadataChanged") && l.Contains(AuditApiServer.OpsAdmin));
        Assert.Contains("    + metadata.labels.tier: front", lines);
        Assert.Contains(lines, l => l.Contains("PodDeleted") && l.Contains(AuditApiServer.OpsAdmin));
        Assert.Contains(lines, l => l.StartsWith("    created with ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_chooses_among_past_objects_by_uid_and_says_which_others_held_the_name()
    {
        var ns = await NamespaceAsync();
        var first = await api.Client.CreatePodAsync(ObjectClient.NewPod("again"), ns);
        await api.Client.DeletePodAsync("again", ns);
        var second = await api.Client.CreatePodAsync(ObjectClient.NewPod("again"), ns);

        var live = await _eoctl.RunAsync("history", "pods", "again", "-n", ns);
        var past = await _eoctl.RunAsync("history", "po/again", "-n", ns, "--uid", first.Metadata.Uid!, "-o", "json");

        Assert.Contains($"(uid {second.Metadata.Uid}), live", live.Out);
        Assert.Contains($"  uid {first.Metadata.Uid}: created ", live.Out);
        Assert.Contains($"\"uid\": \"{first.Metadata.Uid}\"", past.Out);
        Assert.Contains("\"kind\": \"ObjectHistory\"", past.Out);
    }

    [Fact]
    public async Task History_of_a_name_never_held_fails_with_the_servers_message()
    {
        var ns = await NamespaceAsync();

        var result = await _eoctl.RunAsync("history", "deploy/nothing", "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error from server (NotFound): deployments \"nothing\" not found: no deployment of this name was ever recorded", result.Error);
    }

    [Fact]
    public async Task Audit_lists_a_users_changes_of_one_kind_since_a_while_ago()
    {
        var ns = await NamespaceAsync();
        using var ops = api.ClientAs(AuditApiServer.OpsAdmin);
        await ops.CreatePodAsync(ObjectClient.NewPod("mine"), ns);
        await api.Client.CreatePodAsync(ObjectClient.NewPod("theirs"), ns);
        await ops.SendAsync<ConfigMap>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", new ConfigMap { Metadata = new ObjectMeta { Name = "cfg" } });

        var result = await _eoctl.RunAsync("audit", "--user", AuditApiServer.OpsAdmin, "--since", "1h", "--kind", "pod", "-n", ns);
        var typed = await _eoctl.RunAsync("audit", "--type", "ConfigMapCreated", "-n", ns, "--limit", "1");
        var bad = await _eoctl.RunAsync("audit", "--kind", "widgets");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.TrimEnd().Split('\n');
        Assert.StartsWith("RV", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains($"pod/{ns}/mine", lines[1]);
        Assert.Contains("PodCreated", lines[1]);
        Assert.Contains($"configmap/{ns}/cfg", typed.Out);
        Assert.Equal(1, bad.ExitCode);
    }

    [Fact]
    public async Task Why_says_who_bound_a_pod_because_of_whose_create()
    {
        var ns = await NamespaceAsync();
        await api.Client.RegisterAsync(TestNodes.New("eoa-node-1"));
        using var ops = api.ClientAs(AuditApiServer.OpsAdmin);
        await ops.CreatePodAsync(ObjectClient.NewPod("web"), ns);
        var created = (await api.Client.SendAsync<Contracts.Model.Audit.CausalChain>(HttpMethod.Get, $"{ObjectClient.PodsPath(ns)}/web/why")).Body!;
        using var scheduler = api.ClientAs(AuditApiServer.Scheduler);
        using var binding = new HttpRequestMessage(HttpMethod.Post, $"{ObjectClient.PodsPath(ns)}/web/binding")
        {
            Content = new StringContent($"{{\"metadata\":{{\"name\":\"web\"}},\"target\":{{\"kind\":\"Node\",\"name\":\"eoa-node-1\"}}}}", System.Text.Encoding.UTF8, "application/json"),
        };
        binding.Headers.Add("X-Causation-Id", created.Steps[0].EventId);
        Assert.Equal(HttpStatusCode.Created, (await scheduler.SendAsync(binding)).StatusCode);
        var (_, pod, _) = await api.Client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath(ns)}/web");

        var first = await _eoctl.RunAsync("why", "pod/web", "-n", ns);
        var bound = await _eoctl.RunAsync("why", "pod/web", "-n", ns, "--resource-version", pod!.Metadata.ResourceVersion!);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.StartsWith($"pod web was created by {AuditApiServer.OpsAdmin} at ", first.Out);
        Assert.StartsWith("pod web was bound to node eoa-node-1 by default-scheduler,\n  because ops-admin created Pod web at ", bound.Out);
        Assert.Contains("(request ", bound.Out);
    }

    [Fact]
    public async Task Audit_refused_lists_who_was_refused_what_and_why()
    {
        var ns = await NamespaceAsync();
        using var ops = api.ClientAs(AuditApiServer.OpsAdmin);
        using var refused = await ops.PostAsync("/apis/eventorch.io/v1/replays", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var stranger = api.CreateClient("no-such-token");
        (await stranger.GetAsync($"/api/v1/namespaces/{ns}/pods")).Dispose();

        var forbidden = await Eventually.WaitFor(() => _eoctl.RunAsync("audit", "--refused", "--user", AuditApiServer.OpsAdmin, "--code", "403"),
            r => r.Out.Contains("replays"), "the 403 listed");
        var unauthorized = await Eventually.WaitFor(() => _eoctl.RunAsync("audit", "--refused", "--code", "401", "-n", ns, "-o", "json"),
            r => r.Out.Contains("\"items\": [\n"), "the 401 listed");
        var mixed = await _eoctl.RunAsync("audit", "--refused", "--kind", "pod");
        var codeAlone = await _eoctl.RunAsync("audit", "--code", "403");

        var line = forbidden.Out.Split('\n')[1];
        Assert.Contains("403", line);
        Assert.Contains("create", line);
        Assert.Contains("replays.eventorch.io", line);
        Assert.Contains("replays are for cluster administrators", line);
        Assert.StartsWith("TIME", forbidden.Out);
        Assert.Contains("\"kind\": \"RefusalList\"", unauthorized.Out);
        Assert.Contains("\"user\": \"system:anonymous\"", unauthorized.Out);
        Assert.Contains($"/api/v1/namespaces/{ns}/pods", unauthorized.Out);
        Assert.Equal((1, 1), (mixed.ExitCode, codeAlone.ExitCode));
        Assert.Contains("--refused filters by", mixed.Error);
        Assert.Contains("--code needs --refused", codeAlone.Error);
    }
}
