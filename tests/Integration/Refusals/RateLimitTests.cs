using System.Net;
using System.Net.Http.Json;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Audit;
using EventOrch.Contracts.Serialization;
using EventOrch.Tests.Support;
using Xunit;

namespace EventOrch.Tests.Integration.Refusals;

/// <summary>Each user has a bucket of requests: a burst above it gets Kubernetes' 429 with Retry-After, kept in the
/// refusals log, while another user's requests go on being served; administrators are not limited.</summary>
public sealed class RateLimitTests(RateLimitTests.Server api) : IClassFixture<RateLimitTests.Server>
{
    public sealed class Server : ApiServer
    {
        protected override IReadOnlyList<string> MoreUsers => ["burst-alice", "steady-bob"];

        protected override Dictionary<string, string?> Settings => new()
        {
            ["RateLimit:RequestsPerSecond"] = "5",
            ["RateLimit:Burst"] = "10",
        };
    }

    [Fact]
    public async Task A_burst_above_the_limit_gets_429s_and_another_tenants_requests_are_still_served()
    {
        await api.BindRoleAsync("default", "burst-alice-view", "ClusterRole", "view", "burst-alice");
        await api.BindRoleAsync("default", "steady-bob-view", "ClusterRole", "view", "steady-bob");
        using var alice = api.CreateClient(api.TokenOf("burst-alice"));
        using var bob = api.CreateClient(api.TokenOf("steady-bob"));

        var burst = Enumerable.Range(0, 60).Select(_ => alice.GetAsync("/api/v1/namespaces/default/configmaps")).ToList();
        var steady = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await bob.GetAsync("/api/v1/namespaces/default/configmaps");
            steady.Add(response.StatusCode);
        }
        var answers = await Task.WhenAll(burst);

        Assert.All(steady, code => Assert.Equal(HttpStatusCode.OK, code));
        var refused = answers.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(refused.Count, 60 - 10 - 5 * 2, 60 - 10);
        Assert.Contains(answers, r => r.StatusCode == HttpStatusCode.OK);
        var first = refused[0];
        Assert.True(int.Parse(first.Headers.GetValues("Retry-After").Single()) >= 1);
        var status = (await first.Content.ReadFromJsonAsync<Status>(KubeJson.Options))!;
        Assert.Equal(("TooManyRequests", 429), (status.Reason, status.Code));
        Assert.Equal("Too many requests, please try again later.", status.Message);
        Assert.True(status.Details?.RetryAfterSeconds >= 1);
        foreach (var answer in answers) answer.Dispose();

        var kept = await Eventually.WaitFor(async () =>
            (await api.Client.GetFromJsonAsync<RefusalList>($"{AuditKinds.RefusalsPath}?user=burst-alice&code=429&limit=1000", KubeJson.Options))!.Items,
            items => items.Count == refused.Count, "every 429 in the refusals log");
        Assert.All(kept, r => Assert.Equal(("get", "TooManyRequests", "default"), (r.Verb, r.Reason, r.Namespace)));
    }

    [Fact]
    public async Task Cluster_administrators_are_not_limited()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => api.Client.GetAsync("/api/v1/namespaces/default/configmaps")));
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var answer in answers) answer.Dispose();
    }
}
