using System.Globalization;
using System.Text;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Microsoft.Playwright;

namespace EventOrch.Tests.EndToEnd.Dashboard;

/// <summary>The dashboard's Services, Nodes and Webhooks views in a real headless Chromium: a service's request rate
/// from the proxies, cordoning and uncordoning a node with the page's buttons, and a dead letter delivered again. It
/// cordons a node, so it runs alone, after the other end-to-end tests.</summary>
[Collection(Disruptive.Name)]
public sealed class DashboardActionRunTests(DashboardBrowser browser) : IClassFixture<DashboardBrowser>, IAsyncLifetime
{
    private const string Node = "node-2";
    private readonly HttpClient _admin = Cluster.AdminClient();
    private string _namespace = "";
    private string _subscription = "";

    public async Task InitializeAsync() => _namespace = await _admin.NewNamespaceAsync();

    public async Task DisposeAsync()
    {
        await PatchAsync($"/api/v1/nodes/{Node}", """{"spec":{"unschedulable":null}}""");
        if (_subscription.Length > 0) (await _admin.DeleteAsync($"/apis/eventorch.io/v1/webhooksubscriptions/{_subscription}")).Dispose();
        (await _admin.DeleteAsync($"/api/v1/namespaces/{_namespace}")).Dispose();
        _admin.Dispose();
    }

    [Fact]
    public async Task The_page_shows_a_services_traffic_cordons_and_uncordons_a_node_and_redelivers_a_dead_letter()
    {
        var ns = _namespace;
        // A subscription whose receiver refuses, with one attempt per delivery: a ConfigMap's create is a dead letter.
        var key = "dashboard-test-key"u8.ToArray();
        await using var receiver = await WebhookReceiver.StartAsync(key);
        receiver.Respond = (_, _) => Task.FromResult(500);
        await _admin.PostJsonAsync($"/api/v1/namespaces/{ns}/secrets", $$$"""{"metadata":{"name":"hook-key"},"stringData":{"key":"{{{Encoding.UTF8.GetString(key)}}}"}}""");
        _subscription = $"dash-{ns}";
        await _admin.PostJsonAsync("/apis/eventorch.io/v1/webhooksubscriptions",
            $$$"""{"metadata":{"name":"{{{_subscription}}}"},"spec":{"url":"{{{receiver.Url}}}","secretRef":{"namespace":"{{{ns}}}","name":"hook-key"},"namespaces":["{{{ns}}}"],"kinds":["ConfigMap"],"maxAttempts":1}}""");
        await _admin.PostJsonAsync($"/api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"settings"},"data":{"mode":"a"}}""");

        // A Service in front of two replicas, with traffic through a node port.
        await _admin.SendAsync<Deployment>(HttpMethod.Post, $"/apis/apps/v1/namespaces/{ns}/deployments", new Deployment
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new DeploymentSpec { Replicas = 2, Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } }, Template = Cluster.WebTemplate("web") },
        });
        var (_, service, _) = await _admin.SendAsync<Service>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/services", new Service
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new ServiceSpec { Type = ServiceTypes.NodePort, Selector = new() { ["app"] = "web" }, Ports = [new ServicePort { Port = 80, TargetPort = "http" }] },
        });
        await _admin.ReadyPodsAsync(ns, pods => pods.Count == 2, "two ready replicas");
        using var traffic = new CancellationTokenSource();
        var load = SendTrafficAsync(service!.Spec.Ports![0].NodePort!.Value, traffic.Token);

        await using var dashboard = await browser.SignInAsync(Cluster.AdminToken());
        var page = dashboard.Page;
        await page.SelectOptionAsync("select[data-test=namespace]", ns);

        // Services: the proxies' request rate for the service shows up (samples every 5 s, the page reads every 10 s).
        await dashboard.GoAsync("#/network");
        var rps = page.Locator("tr[data-test=service-web] [data-test=rps][data-value]");
        await Eventually.WaitFor(async () => await rps.CountAsync() == 1 ? await rps.GetAttributeAsync("data-value") : null,
            value => value is not null && double.Parse(value, CultureInfo.InvariantCulture) > 0, "a request rate for service web", TimeSpan.FromSeconds(90));
        await dashboard.ScreenshotAsync("services");
        await traffic.CancelAsync();
        await load;

        // Nodes: cordon and uncordon with the page's buttons, as kubectl cordon does.
        await dashboard.GoAsync("#/nodes");
        var node = page.Locator($"tr[data-test=node-{Node}]");
        await node.Locator("[data-test=cordon]").ClickAsync();
        await Assertions.Expect(node).ToContainTextAsync("SchedulingDisabled");
        Assert.True((await _admin.SendAsync<Node>(HttpMethod.Get, $"/api/v1/nodes/{Node}")).Body!.Spec.Unschedulable);
        await dashboard.ScreenshotAsync("nodes-cordoned");
        await node.Locator("[data-test=uncordon]").ClickAsync();
        await Assertions.Expect(node).Not.ToContainTextAsync("SchedulingDisabled");
        Assert.NotEqual(true, (await _admin.SendAsync<Node>(HttpMethod.Get, $"/api/v1/nodes/{Node}")).Body!.Spec.Unschedulable);

        // Webhooks: the dead letter, delivered again once the receiver accepts.
        await dashboard.GoAsync($"#/webhooks/{_subscription}");
        var deadLetters = page.Locator($"[data-test=dead-letters-{_subscription}] tr[data-test=dead-letter]");
        await Assertions.Expect(deadLetters).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await dashboard.ScreenshotAsync("webhooks");
        receiver.Respond = (_, _) => Task.FromResult(200);
        await deadLetters.First.Locator("[data-test=redeliver]").ClickAsync();
        await Assertions.Expect(deadLetters).ToHaveCountAsync(0);
        await Eventually.WaitFor(() => receiver.Accepted.Count == 1, "the redelivered ConfigMap create accepted", TimeSpan.FromSeconds(30));
        Assert.Equal("settings", receiver.Accepted[0].ObjectName);

        dashboard.AssertNoConsoleErrors();
    }

    private async Task SendTrafficAsync(int nodePort, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{nodePort}") };
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                (await client.GetAsync("/", cancellationToken)).Dispose();
                await Task.Delay(50, cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
            {
            }
        }
    }


    private async Task PatchAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = new StringContent(json, Encoding.UTF8, "application/merge-patch+json") };
        (await _admin.SendAsync(request)).Dispose();
    }
}
