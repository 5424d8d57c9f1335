using System.Text.RegularExpressions;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Microsoft.Playwright;

namespace EventOrch.Tests.EndToEnd.Dashboard;

/// <summary>The dashboard ./eo up serves, in a real headless Chromium against the real cluster: signing in, a
/// Deployment's pods, scaling it from the page and seeing the new pods appear live, a pod's log followed live, the
/// time slider showing the Deployment as it was before the scale, the causes of a pod, and a tenant who sees only
/// its own namespace. Every view the tests visit is saved as a screenshot, and none may log a console error.</summary>
public sealed class DashboardRunTests(DashboardBrowser browser) : IClassFixture<DashboardBrowser>, IAsyncLifetime
{
    private readonly HttpClient _admin = Cluster.AdminClient();
    private readonly List<string> _namespaces = [];
    private readonly List<string> _users = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var user in _users) Cluster.Eoctl("users", "delete", user);
        foreach (var ns in _namespaces) (await _admin.DeleteAsync($"/api/v1/namespaces/{ns}")).Dispose();
        _admin.Dispose();
    }

    [Fact]
    public async Task An_admin_scales_a_deployment_from_the_page_follows_a_pod_log_and_sees_the_deployment_as_it_was()
    {
        var ns = await NamespaceAsync();
        var deployment = await CreateTickingDeploymentAsync(ns, "web", replicas: 2);
        await _admin.ReadyPodsAsync(ns, pods => pods.Count == 2, "two ready pods");
        var beforeScale = (await _admin.SendAsync<Deployment>(HttpMethod.Get, $"/apis/apps/v1/namespaces/{ns}/deployments/web")).Body!
            .Metadata.ResourceVersion!;

        await using var dashboard = await browser.SignInAsync(Cluster.AdminToken());
        var page = dashboard.Page;
        await page.SelectOptionAsync("select[data-test=namespace]", ns);

        // Overview: the nodes and the namespace's pods.
        await dashboard.GoAsync("#/overview");
        await Expect(page.Locator("[data-test=overview-nodes]")).ToContainTextAsync("node-1");
        await Expect(page.Locator("[data-test=pods-total] b")).ToHaveTextAsync("2");
        await dashboard.ScreenshotAsync("overview");

        // Workloads: scale to 4 with the page's own control; the page is never reloaded.
        await dashboard.GoAsync("#/workloads");
        var row = page.Locator("tr[data-test=deployment-web]");
        await Expect(row.Locator("[data-test=ready]")).ToHaveTextAsync("2/2");
        await page.EvaluateAsync("() => { window.notReloaded = true; }");
        await row.Locator("[data-test=replicas]").FillAsync("4");
        await row.Locator("[data-test=scale]").ClickAsync();
        await Expect(row.Locator("[data-test=ready]")).ToHaveTextAsync("4/4", new() { Timeout = 120_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
        await dashboard.ScreenshotAsync("workloads");

        await dashboard.GoAsync("#/pods");
        await Expect(page.Locator("tr[data-test^='pod-web-']")).ToHaveCountAsync(4);
        await dashboard.ScreenshotAsync("pods");

        // A pod's log, followed: lines the container writes after the page opened it arrive without a reload.
        var podName = (await page.Locator("tr[data-test^='pod-web-']").First.GetAttributeAsync("data-test"))!["pod-".Length..];
        await page.Locator($"tr[data-test='pod-{podName}'] a", new() { HasText = podName }).ClickAsync();
        var logs = page.Locator("[data-test=logs]");
        await Expect(logs).ToContainTextAsync("tick");
        var firstTicks = TickCount(await logs.TextContentAsync());
        await Expect(logs).ToContainTextAsync(new Regex($"(tick \\d+\\s*){{{firstTicks + 2},}}"), new() { Timeout = 30_000 });
        await dashboard.ScreenshotAsync("pod-logs");

        // Why does this pod exist: the ReplicaSet, the Deployment, and the admin who created it.
        await page.Locator("[data-test=why]").ClickAsync();
        var chain = page.Locator("[data-test=why-chain] li");
        await Expect(chain).ToHaveCountAsync(3);
        await Expect(chain.Nth(1)).ToContainTextAsync("ReplicaSet");
        await Expect(chain.Nth(2)).ToContainTextAsync("Deployment");
        await Expect(page.Locator("[data-test=why-root]")).ToContainTextAsync("admin");
        await dashboard.ScreenshotAsync("pod-why");

        // The time slider at the point just before the scale shows the two replicas the Deployment had then.
        await dashboard.GoAsync("#/history");
        var slider = page.Locator("input[data-test=time-slider]");
        await Expect(page.Locator("[data-test=as-of] tr[data-test=asof-deployment-web] [data-test=replicas]")).ToHaveTextAsync("4");
        await slider.FillAsync(beforeScale);
        await Expect(page.Locator("[data-test=as-of-label]")).ToContainTextAsync(beforeScale);
        await Expect(page.Locator("[data-test=as-of] tr[data-test=asof-deployment-web] [data-test=replicas]")).ToHaveTextAsync("2");
        await dashboard.ScreenshotAsync("history-before-scale");
        Assert.Equal(2, deployment.Spec.Replicas);

        dashboard.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_tenant_sees_only_its_own_namespace()
    {
        var user = $"tenant-{Guid.NewGuid():N}"[..14];
        Cluster.Eoctl("users", "create", user, "-g", "tenants");
        _users.Add(user);
        var token = Cluster.Eoctl("tokens", "create", user, "--ttl", "1h").Trim();
        var own = await NamespaceAsync();
        var other = await NamespaceAsync();
        await _admin.GrantNamespaceAdminAsync(own, user);
        await CreateTickingDeploymentAsync(own, "mine", replicas: 1);
        await CreateTickingDeploymentAsync(other, "theirs", replicas: 1);
        await _admin.ReadyPodsAsync(own, pods => pods.Count == 1, "the tenant's pod");
        await _admin.ReadyPodsAsync(other, pods => pods.Count == 1, "the other namespace's pod");

        await using var dashboard = await browser.SignInAsync(token, own);
        var page = dashboard.Page;
        await Expect(page.Locator("[data-test=user]")).ToHaveTextAsync(user);
        var options = await page.Locator("select[data-test=namespace] option").AllTextContentsAsync();
        Assert.Equal([own], options);

        await dashboard.GoAsync("#/pods");
        await Expect(page.Locator("tr[data-test^='pod-mine-']")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr[data-test^='pod-theirs-']")).ToHaveCountAsync(0);
        await dashboard.GoAsync("#/workloads");
        await Expect(page.Locator("tr[data-test=deployment-mine]")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-test=deployment-theirs]")).ToHaveCountAsync(0);
        await dashboard.GoAsync("#/overview");
        await Expect(page.Locator("[data-test=overview-nodes]")).ToContainTextAsync($"User \"{user}\" cannot watch resource \"nodes\"");
        await Expect(page.Locator("[data-test=pods-total] b")).ToHaveTextAsync("1");
        await dashboard.ScreenshotAsync("tenant-overview");

        dashboard.AssertNoConsoleErrors();

        // Another namespace typed at sign-in is refused, with the reason.
        await using var refused = await browser.RefusedSignInAsync(token, other);
        await Expect(refused.Page.Locator(".sign-in [role=alert]")).ToContainTextAsync($"may not list pods in the namespace \"{other}\"");
        refused.AssertNoConsoleErrors();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static int TickCount(string? text) => Regex.Matches(text ?? "", @"tick \d+").Count;

    
    private async Task<string> NamespaceAsync()
    {
        var ns = await _admin.NewNamespaceAsync();
        _namespaces.Add(ns);
        return ns;
    }


    // Replicas that serve HTTP (Ready once they answer) and write "tick N" to their log every second. The page is made
    // before the ticker is put in the background: "a && b && (loop) & exec httpd" would background all three, and
    // httpd could start before /www exists.
    private async Task<Deployment> CreateTickingDeploymentAsync(string ns, string name, int replicas)
    {
        var web = Cluster.WebTemplate(name);
        var template = web with
        {
            Spec = web.Spec with
            {
                Containers = [web.Spec.Containers[0] with
                {
                    Command = ["sh", "-c", "mkdir -p /www; hostname > /www/index.html; (i=0; while true; do i=$((i+1)); echo \"tick $i\"; sleep 1; done) & exec httpd -f -p 8080 -h /www"],
                }],
            },
        };
        var (_, created, _) = await _admin.SendAsync<Deployment>(HttpMethod.Post, $"/apis/apps/v1/namespaces/{ns}/deployments", new Deployment
        {
            Metadata = new ObjectMeta { Name = name },
            Spec = new DeploymentSpec { Replicas = replicas, Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = name } }, Template = template },
        });
        return created!;
    }
}
