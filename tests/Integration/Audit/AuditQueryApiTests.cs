using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Audit;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Audit;

/// <summary>GET /apis/eventorch.io/v1/audit over a real Api: filtered by namespace, kind, name, user, type and time,
/// paged with continue tokens, bad parameters refused with a Status naming them.</summary>
public sealed class AuditQueryApiTests(AuditApiServer api) : IClassFixture<AuditApiServer>
{
    private HttpClient Client => api.Client;

    private async Task<AuditEventList> QueryAsync(string query)
    {
        var (code, list, response) = await Client.SendAsync<AuditEventList>(HttpMethod.Get, $"{AuditKinds.AuditPath}?{query}");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return list!;
    }

    [Fact]
    public async Task The_query_filters_by_user_kind_name_type_and_time_and_pages_with_continue_tokens()
    {
        var ns = await Client.CreateNamespaceAsync("aq");
        using var ops = api.ClientAs(AuditApiServer.OpsAdmin);
        var start = DateTimeOffset.UtcNow.AddSeconds(-2);
        for (var i = 0; i < 5; i++) await ops.CreatePodAsync(ObjectClient.NewPod($"p{i}"), ns);
        await Client.CreatePodAsync(ObjectClient.NewPod("by-admin"), ns);
        await ops.PatchPodAsync("p1", new { metadata = new { labels = new { tier = "web" } } }, ns);

        var pages = new List<AuditEventList> { await QueryAsync($"namespace={ns}&user={AuditApiServer.OpsAdmin}&kind=pods&limit=2") };
        while (pages[^1].Metadata.Continue is { } next)
            pages.Add(await QueryAsync($"namespace={ns}&user={AuditApiServer.OpsAdmin}&kind=pods&limit=2&continue={Uri.EscapeDataString(next)}"));
        var items = pages.SelectMany(p => p.Items).ToList();

        Assert.Equal(3, pages.Count);
        Assert.Equal(["p0", "p1", "p2", "p3", "p4", "p1"], items.Select(e => e.Object.Name));
        Assert.All(items, e => Assert.Equal((AuditApiServer.OpsAdmin, "Pod", "v1"), (e.User, e.Object.Kind, e.Object.ApiVersion)));
        Assert.Equal(["PodMetadataChanged"], (await QueryAsync($"namespace={ns}&type=PodMetadataChanged")).Items.Select(e => e.Type));
        Assert.Equal(2, (await QueryAsync($"namespace={ns}&name=p1")).Items.Count);
        Assert.Equal(["by-admin"], (await QueryAsync($"namespace={ns}&user={ApiServer.AdminUser}&kind=Pod")).Items.Select(e => e.Object.Name));
        var since = Uri.EscapeDataString(start.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
        var until = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(2).ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
        Assert.Equal(7, (await QueryAsync($"namespace={ns}&kind=po&since={since}&until={until}")).Items.Count);
        Assert.Empty((await QueryAsync($"namespace={ns}&until={since}")).Items);
        Assert.True(long.Parse(pages[0].Metadata.ResourceVersion!) >= long.Parse(items[^1].ResourceVersion));
    }

    [Theory]
    [InlineData("kind=widgets", "kind")]
    [InlineData("type=PodExploded", "type")]
    [InlineData("since=yesterday", "since")]
    [InlineData("until=2026-13-45T00:00:00Z", "until")]
    [InlineData("since=2026-11-24T10:00:00", "since")]
    [InlineData("until=Tue, 24 Nov 2026 10:00:00 GMT", "until")]
    [InlineData("since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z", "until")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("continue=not-a-token", "continue")]
    public async Task A_bad_parameter_is_a_bad_request_naming_it(string query, string field)
    {
        var (code, status, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"{AuditKinds.AuditPath}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal(field, status!.Details!.Causes![0].Field);
    }

    [Fact]
    public async Task The_query_needs_a_token()
    {
        using var anonymous = api.CreateClient(null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(AuditKinds.AuditPath)).StatusCode);
    }
}
