using System.Net;
using System.Net.Http.Json;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Audit;
using EventOrch.Contracts.Serialization;
using EventOrch.Tests.Support;
using Xunit;

namespace EventOrch.Tests.Integration.Refusals;

/// <summary>Every 401, 403 and 429 is kept in the refusals log, with who, what and why, and changes nothing else;
/// <c>/apis/eventorch.io/v1/refusals</c> finds them again.</summary>
public sealed class RefusalLogTests(RefusalLogTests.Server api) : IClassFixture<RefusalLogTests.Server>
{
    public sealed class Server : ApiServer
    {
        protected override IReadOnlyList<string> MoreUsers => ["refusal-alice"];
    }

    [Fact]
    public async Task A_request_without_a_valid_token_is_kept_as_a_401_of_the_anonymous_user()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var stranger = api.CreateClient("not-a-token");
        stranger.DefaultRequestHeaders.UserAgent.ParseAdd($"refusal-test/{marker}");
        var events = await api.EventCountAsync();

        using var response = await stranger.GetAsync("/api/v1/namespaces/team-x/pods?watch=true");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var refusal = await FindAsync("?code=401", r => r.UserAgent == $"refusal-test/{marker}");
        Assert.Equal("Unauthorized", refusal.Reason);
        Assert.Equal("Unauthorized", refusal.Message);
        Assert.Equal("system:anonymous", refusal.User);
        Assert.Equal(("watch", "GET", "team-x"), (refusal.Verb, refusal.Method, refusal.Namespace));
        Assert.Equal("/api/v1/namespaces/team-x/pods?watch=true", refusal.Path);
        Assert.Equal(response.Headers.GetValues("Audit-Id").Single(), refusal.RequestId);
        Assert.Equal(events, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_forbidden_request_is_kept_with_the_authorizers_terms_and_the_message_it_was_given()
    {
        using var alice = api.CreateClient(api.TokenOf("refusal-alice"));
        var requestId = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/apis/eventorch.io/v1/replays")
        {
            Content = JsonContent.Create(new { apiVersion = "eventorch.io/v1", kind = "Replay", metadata = new { name = "r" } }),
        };
        request.Headers.Add("X-Request-Id", requestId);

        using var response = await alice.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var status = (await response.Content.ReadFromJsonAsync<Status>(KubeJson.Options))!;
        var refusal = await FindAsync("?user=refusal-alice&code=403", r => r.RequestId == requestId);
        Assert.Equal(("Forbidden", status.Message), (refusal.Reason, refusal.Message));
        Assert.Equal(("create", "eventorch.io", "replays"), (refusal.Verb, refusal.ApiGroup, refusal.Resource));
        Assert.Equal("POST", refusal.Method);
        Assert.Null(refusal.Namespace);
    }

    [Fact]
    public async Task The_query_pages_and_filters_and_refuses_a_bad_parameter_with_its_name()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var stranger = api.CreateClient("bad-" + marker);
        stranger.DefaultRequestHeaders.UserAgent.ParseAdd($"refusal-page/{marker}");
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        for (var i = 0; i < 5; i++) (await stranger.GetAsync($"/api/v1/namespaces/page-{i}/pods")).Dispose();

        var seen = new List<Refusal>();
        await Eventually.WaitFor(async () =>
        {
            seen.Clear();
            string? next = null;
            do
            {
                var page = await ListAsync($"?code=401&since={since}&limit=2" + (next is null ? "" : $"&continue={Uri.EscapeDataString(next)}"));
                Assert.True(page.Items.Count <= 2);
                seen.AddRange(page.Items.Where(r => r.UserAgent == $"refusal-page/{marker}"));
                next = page.Metadata.Continue;
            }
            while (next is not null);
            return seen.Count;
        }, n => n == 5, "five refusals read in pages of two");
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"page-{i}"), seen.Select(r => r.Namespace));
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.Id < p.Second.Id), "oldest first");

        foreach (var (query, field) in new[] { ("code=200", "code"), ("since=yesterday", "since"), ("limit=0", "limit"), ("continue=%%%", "continue") })
        {
            using var response = await api.Client.GetAsync($"{AuditKinds.RefusalsPath}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var status = (await response.Content.ReadFromJsonAsync<Status>(KubeJson.Options))!;
            Assert.Contains(field, status.Message);
        }
    }

    [Fact]
    public async Task A_namespace_admin_reads_the_refusals_of_its_namespace_and_no_others()
    {
        var ns = await api.Client.CreateNamespaceAsync("refusal-team");
        await api.BindRoleAsync(ns, "refusal-alice-admin", "ClusterRole", "admin", "refusal-alice");
        using var alice = api.CreateClient(api.TokenOf("refusal-alice"));

        using var own = await alice.GetAsync($"{AuditKinds.RefusalsPath}?namespace={ns}");
        using var everywhere = await alice.GetAsync(AuditKinds.RefusalsPath);
        using var other = await alice.GetAsync($"{AuditKinds.RefusalsPath}?namespace=default");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (everywhere.StatusCode, other.StatusCode));
        var status = (await everywhere.Content.ReadFromJsonAsync<Status>(KubeJson.Options))!;
        Assert.Equal("refusals.eventorch.io is forbidden: User \"refusal-alice\" cannot list resource \"refusals\" in API group \"eventorch.io\" at the cluster scope",
            status.Message);
    }

    [Fact]
    public async Task Reading_the_refusals_needs_a_token()
    {
        using var anonymous = api.CreateClient(null);
        using var response = await anonymous.GetAsync(AuditKinds.RefusalsPath);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<RefusalList> ListAsync(string query)
    {
        using var response = await api.Client.GetAsync(AuditKinds.RefusalsPath + query);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RefusalList>(KubeJson.Options))!;
    }

    private async Task<Refusal> FindAsync(string query, Func<Refusal, bool> match)
    {
        var found = await Eventually.WaitFor(async () => (await ListAsync(query + "&limit=10000")).Items.FirstOrDefault(match),
            r => r is not null, $"a refusal matching {query}");
        return found!;
    }
}
