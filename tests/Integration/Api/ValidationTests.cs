using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>Bad input gets a Status naming the field and the reason, and changes nothing.</summary>
public sealed class ValidationTests(ApiServer api) : IClassFixture<ApiServer>
{
    private const string Valid = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"ok"},"spec":{"containers":[{"name":"main","image":"busybox"}]}}""";

    [Theory]
    [InlineData("""{"metadata":{"name":"Bad_Name"},"spec":{"containers":[{"name":"main","image":"busybox"}]}}""", "metadata.name")]
    [InlineData("""{"metadata":{"name":"no-containers"},"spec":{"containers":[]}}""", "spec.containers")]
    [InlineData("""{"metadata":{"name":"dup"},"spec":{"containers":[{"name":"a","image":"x"},{"name":"a","image":"x"}]}}""", "spec.containers[1].name")]
    [InlineData("""{"metadata":{"name":"no-image"},"spec":{"containers":[{"name":"a"}]}}""", "spec.containers[0].image")]
    [InlineData("""{"metadata":{"name":"bad-port"},"spec":{"containers":[{"name":"a","image":"x","ports":[{"containerPort":70000}]}]}}""", "spec.containers[0].ports[0].containerPort")]
    [InlineData("""{"metadata":{"name":"bad-cpu"},"spec":{"containers":[{"name":"a","image":"x","resources":{"requests":{"cpu":"lots"}}}]}}""", "spec.containers[0].resources.requests[cpu]")]
    [InlineData("""{"metadata":{"name":"bad-label","labels":{"-x-":"y"}},"spec":{"containers":[{"name":"a","image":"x"}]}}""", "metadata.labels")]
    [InlineData("""{"metadata":{"name":"bad-policy"},"spec":{"restartPolicy":"Sometimes","containers":[{"name":"a","image":"x"}]}}""", "spec.restartPolicy")]
    public async Task An_invalid_pod_is_unprocessable_names_the_field_and_appends_nothing(string body, string field)
    {
        var before = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ObjectClient.PodsPath(), body);

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("Invalid", status!.Reason);
        Assert.Equal("Pod", status.Details!.Kind);
        Assert.Contains(status.Details.Causes!, c => c.Field!.StartsWith(field, StringComparison.Ordinal));
        Assert.Contains(" is invalid: ", status.Message);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Theory]
    [InlineData("{not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[1,2]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Pod","metadata":{"name":"x"}}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"kind":"Service","metadata":{"name":"x"}}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"metadata":{"name":"x"},"spec":{"containers":[{"name":"a","image":"x","ports":[{"containerPort":"eighty"}]}]}}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("name: [unclosed", "application/yaml", HttpStatusCode.BadRequest)]
    [InlineData(Valid, "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task A_malformed_body_is_refused_with_a_status_and_appends_nothing(string body, string contentType, HttpStatusCode expected)
    {
        var before = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ObjectClient.PodsPath(), body, contentType);

        Assert.Equal(expected, code);
        Assert.Equal("Status", status!.Kind);
        Assert.Equal((int)expected, status.Code);
        Assert.False(string.IsNullOrEmpty(status.Message));
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_pod_in_a_missing_namespace_is_not_found()
    {
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ObjectClient.PodsPath("nowhere"), Valid);

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("namespaces \"nowhere\" not found", status!.Message);
    }

    [Fact]
    public async Task A_body_whose_name_differs_from_the_url_is_a_bad_request()
    {
        await api.Client.CreatePodAsync(ObjectClient.NewPod("named"));

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Put, $"{ObjectClient.PodsPath()}/named", ObjectClient.NewPod("other"));

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("does not match the name on the URL", status!.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task A_request_without_a_valid_token_is_unauthorized(string? token)
    {
        using var client = api.CreateClient(token);
        var before = await api.EventCountAsync();

        var (code, status, _) = await client.SendAsync<Status>(HttpMethod.Post, ObjectClient.PodsPath(), Valid);
        var (listCode, _, _) = await client.SendAsync<Status>(HttpMethod.Get, ObjectClient.PodsPath());

        Assert.Equal(HttpStatusCode.Unauthorized, code);
        Assert.Equal(HttpStatusCode.Unauthorized, listCode);
        Assert.Equal("Unauthorized", status!.Reason);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task Health_and_readiness_need_no_token()
    {
        using var anonymous = api.CreateClient(null);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        var ready = await Eventually.WaitFor(() => anonymous.GetAsync("/readyz"), r => r.IsSuccessStatusCode, "readyz");
        Assert.Contains("readyz check passed", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Version_needs_no_token_and_gives_the_major_and_minor_of_its_git_version()
    {
        using var anonymous = api.CreateClient(null);

        var version = System.Text.Json.Nodes.JsonNode.Parse(await anonymous.GetStringAsync("/version"))!;

        Assert.Equal(("1", "32", "v1.32.0-eventorch"),
            (version["major"]!.GetValue<string>(), version["minor"]!.GetValue<string>(), version["gitVersion"]!.GetValue<string>()));
    }
}
