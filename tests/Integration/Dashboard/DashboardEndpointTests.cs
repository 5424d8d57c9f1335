using System.Net;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Dashboard;

/// <summary>A real Api with tess, an admin of team-d only.</summary>
public sealed class DashboardApiServer : ApiServer
{
    public const string Tess = "tess";
    public const string TeamD = "team-d";

    protected override IReadOnlyList<string> MoreUsers => [Tess];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = TeamD } });
        await BindRoleAsync(TeamD, "tess-admin", "ClusterRole", "admin", Tess);
    }
}

/// <summary>The dashboard's page is served without a token, and /ui/watch carries several watches in one stream, each
/// made as the caller: what RBAC refuses comes back as that stream's Status, the others go on.</summary>
public sealed class DashboardEndpointTests(DashboardApiServer api) : IClassFixture<DashboardApiServer>
{
    private const string InitialEvents = "allowWatchBookmarks=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan";

    [Fact]
    public async Task The_page_and_its_scripts_are_served_without_a_token()
    {
        using var anonymous = api.CreateClient(null);
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.BaseAddress };
        using var redirect = await noRedirects.GetAsync("/ui");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/ui/", redirect.Headers.Location!.OriginalString);

        using var page = await anonymous.GetAsync("/ui/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<script type=\"module\" src=\"js/app.js\">", await page.Content.ReadAsStringAsync());

        using var script = await anonymous.GetAsync("/ui/js/app.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);

        using var missing = await anonymous.GetAsync("/ui/js/nothing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("", "path: Required value: at least one watch path")]
    [InlineData("?path=%2Fapi%2Fv1%2Fpods", "path: Invalid value: \"/api/v1/pods\": must be a watch of this Api")]
    [InlineData("?path=%2Fhealthz%3Fwatch%3D1", "path: Invalid value: \"/healthz?watch=1\"")]
    [InlineData("?path=%2Fapi%2F..%2Fui%2Fwatch%3Fwatch%3D1", "must be a watch of this Api")]
    public async Task A_request_that_is_not_a_set_of_watches_is_a_bad_request_naming_path(string query, string message)
    {
        using var response = await api.Client.GetAsync($"/ui/watch{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(message, status["message"]!.GetValue<string>());
        Assert.Equal("path", status["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task More_than_sixteen_watches_are_refused()
    {
        var paths = string.Join('&', Enumerable.Repeat($"path={Uri.EscapeDataString("/api/v1/pods?watch=1")}", 17));
        using var response = await api.Client.GetAsync($"/ui/watch?{paths}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must have at most 16 items", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Each_watch_sends_its_objects_then_its_changes_tagged_with_its_stream()
    {
        await api.Client.CreatePodAsync(ObjectClient.NewPod("before"), DashboardApiServer.TeamD);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var lines = await OpenAsync(api.Client, [$"/api/v1/namespaces/{DashboardApiServer.TeamD}/pods?watch=1&{InitialEvents}", $"/api/v1/nodes?watch=1&{InitialEvents}"], cancel.Token);

        var initial = await lines.UntilAsync(l => l.Count(IsInitialEventsEnd) == 2, cancel.Token);
        Assert.Contains(initial, l => Stream(l) == 0 && Type(l) == "ADDED" && Name(l) == "before");
        Assert.Equal([0, 1], initial.Where(IsInitialEventsEnd).Select(Stream).Order());

        await api.Client.CreatePodAsync(ObjectClient.NewPod("after"), DashboardApiServer.TeamD);
        var later = await lines.UntilAsync(l => l.Any(x => Name(x) == "after"), cancel.Token);
        Assert.Equal(0, Stream(later.Single(x => Name(x) == "after")));
    }

    [Fact]
    public async Task The_answer_starts_before_any_watch_has_something_to_say()
    {
        var list = await api.Client.ListPodsAsync(DashboardApiServer.TeamD);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var lines = await OpenAsync(api.Client,
            [$"/api/v1/namespaces/{DashboardApiServer.TeamD}/pods?watch=1&resourceVersion={list.Metadata.ResourceVersion}"], cancel.Token);

        await api.Client.CreatePodAsync(ObjectClient.NewPod("quiet-until-now"), DashboardApiServer.TeamD);
        var seen = await lines.UntilAsync(l => l.Any(x => Name(x) == "quiet-until-now"), cancel.Token);
        Assert.Equal("ADDED", Type(seen.Single()));
    }

    [Fact]
    public async Task A_watch_the_caller_may_not_make_is_refused_alone_with_the_apis_status()
    {
        using var tess = api.CreateClient(api.TokenOf(DashboardApiServer.Tess));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var lines = await OpenAsync(tess, [$"/api/v1/namespaces/{DashboardApiServer.TeamD}/pods?watch=1&{InitialEvents}", $"/api/v1/nodes?watch=1&{InitialEvents}"], cancel.Token);

        var seen = await lines.UntilAsync(l => l.Any(x => x["status"] is not null) && l.Any(IsInitialEventsEnd), cancel.Token);
        var refused = seen.Single(x => x["status"] is not null);
        Assert.Equal(1, Stream(refused));
        Assert.Equal(403, refused["status"]!["code"]!.GetValue<int>());
        Assert.Equal("nodes is forbidden: User \"tess\" cannot watch resource \"nodes\" in API group \"\" at the cluster scope",
            refused["status"]!["message"]!.GetValue<string>());
        Assert.Equal(0, Stream(seen.Single(IsInitialEventsEnd)));

        await api.Client.CreatePodAsync(ObjectClient.NewPod("seen-by-tess"), DashboardApiServer.TeamD);
        await lines.UntilAsync(l => l.Any(x => Name(x) == "seen-by-tess"), cancel.Token);
    }

    [Fact]
    public async Task Without_a_token_every_watch_is_unauthorized()
    {
        using var anonymous = api.CreateClient(null);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var lines = await OpenAsync(anonymous, ["/api/v1/pods?watch=1"], cancel.Token);
        var seen = await lines.UntilAsync(l => l.Count > 0, cancel.Token);
        Assert.Equal(401, seen[0]["status"]!["code"]!.GetValue<int>());
    }

    private static bool IsInitialEventsEnd(JsonNode line) =>
        Type(line) == "BOOKMARK" && line["event"]!["object"]!["metadata"]!["annotations"]?["k8s.io/initial-events-end"]?.GetValue<string>() == "true";

    private static int Stream(JsonNode line) => line["stream"]!.GetValue<int>();
    private static string? Type(JsonNode line) => line["event"]?["type"]?.GetValue<string>();
    private static string? Name(JsonNode line) => line["event"]?["object"]?["metadata"]?["name"]?.GetValue<string>();

    private static async Task<Lines> OpenAsync(HttpClient client, string[] paths, CancellationToken cancellationToken)
    {
        var query = string.Join('&', paths.Select(p => $"path={Uri.EscapeDataString(p)}"));
        var response = await client.GetAsync($"/ui/watch?{query}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Lines(response, new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken)));
    }

    // The lines of a /ui/watch answer, read as they come.
    private sealed class Lines(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
    {
        private readonly List<JsonNode> _seen = [];

        public async Task<List<JsonNode>> UntilAsync(Func<List<JsonNode>, bool> done, CancellationToken cancellationToken)
        {
            while (!done(_seen))
            {
                var line = await reader.ReadLineAsync(cancellationToken) ?? throw new InvalidOperationException("the stream ended");
                _seen.Add(JsonNode.Parse(line)!);
            }
            return _seen;
        }

        public ValueTask DisposeAsync()
        {
            reader.Dispose();
            response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
