using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Audit;

/// <summary>A real Api whose token file also holds a scheduler's and a node agent's service account and a person, so
/// a test can write as each of them.</summary>
public class AuditApiServer : ApiServer
{
    public const string Scheduler = "system:serviceaccount:kube-system:scheduler";
    public const string NodeAgent = "system:serviceaccount:kube-system:node-agent";
    public const string OpsAdmin = "ops-admin";

    protected override IReadOnlyList<string> MoreUsers => [Scheduler, NodeAgent, OpsAdmin];

    /// <summary>A client writing as <paramref name="user"/>, one of <see cref="MoreUsers"/>.</summary>
    public HttpClient ClientAs(string user) => CreateClient(TokenOf(user));

    /// <summary>The person administers the cluster; the service accounts have their components' bootstrap roles.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await BindClusterRoleAsync("ops-admin", "cluster-admin", OpsAdmin);
    }
}

/// <summary>Writes as the audit tests do: as a given client, with the cause and request id a component or a person
/// would send, failing the test unless the write succeeds.</summary>
public static class AuditWrites
{
    public static async Task WriteAsync(this HttpClient client, HttpMethod method, string path, object? body, string? causation = null,
        string? requestId = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body, body.GetType(), Contracts.Serialization.KubeJson.Options),
                System.Text.Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }
        if (causation is not null) request.Headers.Add("X-Causation-Id", causation);
        if (requestId is not null) request.Headers.Add("X-Request-Id", requestId);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
