using System.Globalization;
using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Audit;

/// <summary>GET and list with <c>?asOf=</c> over a real Api: objects as they were at a resourceVersion or a time,
/// including objects deleted since, and clear refusals of points that cannot be answered.</summary>
public sealed class AsOfApiTests(ApiServer api) : IClassFixture<ApiServer>
{
    private HttpClient Client => api.Client;

    private static Deployment NewDeployment(string name, int replicas)
    {
        var deployment = TestReplicaSets.NewDeployment(name, replicas);
        return deployment with { Metadata = deployment.Metadata with { Labels = new() { ["app"] = name } } };
    }

    private static string Deployments(string ns) => $"/apis/apps/v1/namespaces/{ns}/deployments";

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private async Task<T> GetAsync<T>(string path)
    {
        var (code, body, response) = await Client.SendAsync<T>(HttpMethod.Get, path);
        Assert.True(code == HttpStatusCode.OK, $"GET {path}: {code} {await response.Content.ReadAsStringAsync()}");
        return body!;
    }

    private async Task ScaleAsync(string ns, string name, int replicas)
    {
        var (code, _, response) = await Client.SendAsync<Scale>(HttpMethod.Patch, $"{Deployments(ns)}/{name}/scale",
            new { spec = new { replicas } }, "application/merge-patch+json");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_get_as_of_a_resource_version_or_a_time_before_a_scale_shows_the_replicas_before_it()
    {
        var ns = await Client.CreateNamespaceAsync("asof");
        var created = await Client.CreateAsync(Deployments(ns), NewDeployment("web", 2));
        var beforeScale = DateTimeOffset.UtcNow;
        await ScaleAsync(ns, "web", 5);

        var byVersion = await GetAsync<Deployment>($"{Deployments(ns)}/web?asOf={created.Metadata.ResourceVersion}");
        var byTime = await GetAsync<Deployment>($"{Deployments(ns)}/web?asOf={Rfc3339(beforeScale)}");
        var now = await GetAsync<Deployment>($"{Deployments(ns)}/web");

        Assert.Equal(2, byVersion.Spec.Replicas);
        Assert.Equal(created.Metadata.ResourceVersion, byVersion.Metadata.ResourceVersion);
        Assert.Equal(2, byTime.Spec.Replicas);
        Assert.Equal(5, now.Spec.Replicas);
        Assert.Equal(created.Metadata.Uid, byTime.Metadata.Uid);
    }

    [Fact]
    public async Task A_pod_deleted_since_is_got_and_listed_as_it_was()
    {
        var ns = await Client.CreateNamespaceAsync("asof");
        var pod = await Client.CreatePodAsync(ObjectClient.NewPod("gone", new() { ["app"] = "gone" }), ns);
        await Client.CreateAsync(ObjectClient.PodsPath(ns), ObjectClient.NewPod("stays"));
        var (_, list, _) = await Client.SendAsync<ObjectList<Pod>>(HttpMethod.Get, ObjectClient.PodsPath(ns));
        var point = list!.Metadata.ResourceVersion;
        using (var deleted = await Client.DeleteAsync($"{ObjectClient.PodsPath(ns)}/gone?gracePeriodSeconds=0")) Assert.True(deleted.IsSuccessStatusCode);
        await Eventually.WaitFor(async () =>
        {
            using var response = await Client.GetAsync($"{ObjectClient.PodsPath(ns)}/gone");
            return response.StatusCode;
        }, c => c == HttpStatusCode.NotFound, "the pod to be gone");
        await Client.CreateAsync(ObjectClient.PodsPath(ns), ObjectClient.NewPod("later"));

        var then = await GetAsync<Pod>($"{ObjectClient.PodsPath(ns)}/gone?asOf={point}");
        var listedThen = await GetAsync<ObjectList<Pod>>($"{ObjectClient.PodsPath(ns)}?asOf={point}");
        var selectedThen = await GetAsync<ObjectList<Pod>>($"{ObjectClient.PodsPath(ns)}?asOf={point}&labelSelector=app%3Dgone");
        var listedNow = await GetAsync<ObjectList<Pod>>(ObjectClient.PodsPath(ns));

        Assert.Equal((pod.Metadata.Uid, "gone"), (then.Metadata.Uid, then.Metadata.Name));
        Assert.Null(then.Metadata.DeletionTimestamp);
        Assert.Equal(["gone", "stays"], listedThen.Items.Select(p => p.Metadata.Name));
        Assert.Equal(point, listedThen.Metadata.ResourceVersion);
        Assert.Equal(["gone"], selectedThen.Items.Select(p => p.Metadata.Name));
        Assert.Equal(["later", "stays"], listedNow.Items.Select(p => p.Metadata.Name));
    }

    [Fact]
    public async Task A_list_as_of_a_point_pages_with_limit_and_continue()
    {
        var ns = await Client.CreateNamespaceAsync("asof");
        foreach (var name in new[] { "a", "b", "c" }) await Client.CreateAsync(ObjectClient.PodsPath(ns), ObjectClient.NewPod(name));
        var (_, list, _) = await Client.SendAsync<ObjectList<Pod>>(HttpMethod.Get, ObjectClient.PodsPath(ns));
        var point = list!.Metadata.ResourceVersion;
        await Client.CreateAsync(ObjectClient.PodsPath(ns), ObjectClient.NewPod("aa"));

        var first = await GetAsync<ObjectList<Pod>>($"{ObjectClient.PodsPath(ns)}?asOf={point}&limit=2");
        var second = await GetAsync<ObjectList<Pod>>(
            $"{ObjectClient.PodsPath(ns)}?asOf={point}&limit=2&continue={Uri.EscapeDataString(first.Metadata.Continue!)}");

        Assert.Equal(["a", "b"], first.Items.Select(p => p.Metadata.Name));
        Assert.Equal(["c"], second.Items.Select(p => p.Metadata.Name));
        Assert.Null(second.Metadata.Continue);
    }

    [Fact]
    public async Task A_secret_as_of_a_point_is_opened_like_a_live_one()
    {
        var ns = await Client.CreateNamespaceAsync("asof");
        var secret = await Client.CreateAsync($"/api/v1/namespaces/{ns}/secrets",
            new Secret { Metadata = new ObjectMeta { Name = "key" }, StringData = new() { ["password"] = "first" } });
        var (code, _, response) = await Client.SendAsync<Secret>(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/secrets/key",
            new { stringData = new { password = "second" } }, "application/merge-patch+json");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var then = await GetAsync<Secret>($"/api/v1/namespaces/{ns}/secrets/key?asOf={secret.Metadata.ResourceVersion}");

        Assert.Equal("first"u8.ToArray(), then.Data!["password"]);
    }

    [Fact]
    public async Task A_long_history_is_folded_once_into_snapshots_and_read_from_them_the_same()
    {
        var ns = await Client.CreateNamespaceAsync("asof");
        var path = $"/api/v1/namespaces/{ns}/secrets/long";
        var created = await Client.CreateAsync($"/api/v1/namespaces/{ns}/secrets",
            new Secret { Metadata = new ObjectMeta { Name = "long" }, StringData = new() { ["n"] = "1" } });
        var versions = new Dictionary<int, string> { [1] = created.Metadata.ResourceVersion! };
        var events = EventOrch.Api.Audit.PastObjects.SnapshotEvery + 30;
        for (var n = 2; n <= events; n++)
        {
            var (code, patched, response) = await Client.SendAsync<Secret>(HttpMethod.Patch, path,
                new { stringData = new { n = $"{n}" } }, "application/merge-patch+json");
            Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            versions[n] = patched!.Metadata.ResourceVersion!;
        }

        var late = await GetAsync<Secret>($"{path}?asOf={versions[events - 5]}");
        var again = await GetAsync<Secret>($"{path}?asOf={versions[events - 5]}");
        var early = await GetAsync<Secret>($"{path}?asOf={versions[17]}");
        var last = await GetAsync<Secret>($"{path}?asOf={versions[events]}");

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes($"{events - 5}"), late.Data!["n"]);
        Assert.Equal(late.Data["n"], again.Data!["n"]);
        Assert.Equal(versions[events - 5], again.Metadata.ResourceVersion);
        Assert.Equal("17"u8.ToArray(), early.Data!["n"]);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes($"{events}"), last.Data!["n"]);
        await using var connection = new Npgsql.NpgsqlConnection(Support.Services.PostgresConnectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand(
            $"select count(*) from {api.Schema.Name}.mt_doc_object_snapshots where data ->> 'streamId' = '{created.Metadata.Uid}'", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_name_nobody_held_at_the_point_is_not_found_saying_when()
    {
        var ns = await Client.CreateNamespaceAsync("asof");
        var early = await Client.CreateAsync(ObjectClient.PodsPath(ns), ObjectClient.NewPod("early"));
        await Client.CreateAsync(ObjectClient.PodsPath(ns), ObjectClient.NewPod("late"));

        var (code, status, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"{ObjectClient.PodsPath(ns)}/late?asOf={early.Metadata.ResourceVersion}");

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal($"pods \"late\" not found as of {early.Metadata.ResourceVersion}", status!.Message);
    }

    [Theory]
    [InlineData("yesterday", "asOf \"yesterday\" is neither a resourceVersion nor an RFC 3339 time (2026-11-24T10:00:00Z)")]
    [InlineData("2026-11-24 10:00:00", "asOf \"2026-11-24 10:00:00\" is neither a resourceVersion nor an RFC 3339 time (2026-11-24T10:00:00Z)")]
    [InlineData("2026-11-24T10:00:00", "asOf \"2026-11-24T10:00:00\" is neither a resourceVersion nor an RFC 3339 time (2026-11-24T10:00:00Z)")]
    [InlineData("0", "asOf resourceVersion must be positive")]
    [InlineData("2999-01-01T00:00:00Z", "asOf 2999-01-01T00:00:00Z is in the future")]
    public async Task A_point_that_cannot_be_answered_is_a_bad_request_naming_asOf(string asOf, string message)
    {
        foreach (var path in new[] { $"{ObjectClient.PodsPath()}/any", ObjectClient.PodsPath() })
        {
            var (code, status, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"{path}?asOf={Uri.EscapeDataString(asOf)}");

            Assert.Equal(HttpStatusCode.BadRequest, code);
            Assert.Equal(message, status!.Message);
            Assert.Equal("asOf", Assert.Single(status.Details!.Causes!).Field);
        }
    }

    [Fact]
    public async Task A_resource_version_newer_than_the_record_or_a_watch_as_of_a_point_is_refused()
    {
        var (_, list, _) = await Client.SendAsync<ObjectList<Pod>>(HttpMethod.Get, ObjectClient.PodsPath());
        var beyond = long.Parse(list!.Metadata.ResourceVersion!, CultureInfo.InvariantCulture) + 1_000_000;

        var (tooNew, tooNewStatus, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"{ObjectClient.PodsPath()}?asOf={beyond}");
        var (watch, watchStatus, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"{ObjectClient.PodsPath()}?watch=1&asOf=1");

        Assert.Equal(HttpStatusCode.BadRequest, tooNew);
        Assert.StartsWith($"asOf resourceVersion {beyond} is newer than the newest one, ", tooNewStatus!.Message);
        Assert.Equal(HttpStatusCode.BadRequest, watch);
        Assert.StartsWith("asOf cannot be used with watch", watchStatus!.Message);
    }
}
