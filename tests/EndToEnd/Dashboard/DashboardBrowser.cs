using EventOrch.Tests.Support;
using Microsoft.Playwright;

namespace EventOrch.Tests.EndToEnd.Dashboard;

/// <summary>Debian's headless Chromium driven by Playwright, one per test class; each test gets its own page, whose
/// console errors and uncaught exceptions are collected so the test can assert there were none.</summary>
public sealed class DashboardBrowser : IAsyncLifetime
{
    public const string DashboardUrl = "http://127.0.0.1:8080/ui/";
    private const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where screenshots go: the folder ./eo test prints, else .eo/test-results/screenshots.</summary>
    public static string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable("EO_SCREENSHOTS")
        ?? Path.Combine(Services.RepositoryRoot, ".eo", "test-results", "screenshots");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: ./eo test installs Debian's chromium");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>A fresh page at laptop size, signed in with <paramref name="token"/> (and <paramref name="namespace"/>
    /// when the user may not list namespaces).</summary>
    public async Task<DashboardPage> SignInAsync(string token, string? @namespace = null)
    {
        var dashboard = await SubmitSignInAsync(token, @namespace);
        await dashboard.Page.WaitForSelectorAsync("[data-test=user]");
        return dashboard;
    }

    /// <summary>A sign-in the page refuses: the page, showing why.</summary>
    public async Task<DashboardPage> RefusedSignInAsync(string token, string? @namespace = null)
    {
        var dashboard = await SubmitSignInAsync(token, @namespace);
        await dashboard.Page.WaitForSelectorAsync(".sign-in [role=alert]");
        return dashboard;
    }

    private async Task<DashboardPage> SubmitSignInAsync(string token, string? @namespace)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        var dashboard = new DashboardPage(context, page);
        await page.GotoAsync(DashboardUrl);
        await page.FillAsync("input[name=token]", token);
        if (@namespace is not null) await page.FillAsync("input[name=namespace]", @namespace);
        await page.ClickAsync("button[type=submit]");
        return dashboard;
    }
}

/// <summary>One signed-in page and what its console said.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    public DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (_errors) _errors.Add($"console: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => { lock (_errors) _errors.Add($"page error: {error}"); };
    }

    public IPage Page { get; }

    public Task GoAsync(string route) => Page.EvaluateAsync("route => { location.hash = route; }", route);

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(DashboardBrowser.ScreenshotDirectory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardBrowser.ScreenshotDirectory, $"{name}.png"), FullPage = true });
    }

    public void AssertNoConsoleErrors()
    {
        lock (_errors) Assert.True(_errors.Count == 0, "the page reported errors:\n" + string.Join("\n", _errors));
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
