using System.Net.Http.Headers;
using System.Net.Http.Json;
using EventOrch.Api;
using Marten;
using Xunit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventOrch.Tests.Support;

/// <summary>A real Api host, in-process on a free loopback port, over the real PostgreSQL (a schema of its
/// own) and RabbitMQ (a virtual host of its own). One per test class.</summary>
public class ApiServer : IAsyncLifetime
{
    private WebApplication? _app;
    private readonly string _tokenFile = Path.Combine(Path.GetTempPath(), $"eo-tokens-{Guid.NewGuid():N}.csv");

    /// <summary>The key the Api signs ServiceAccount tokens with (Auth:ServiceAccountKeyFile), one per server.</summary>
    public string ServiceAccountKeyFile { get; } = ServiceAccountKeys.WriteNew();

    public TestPostgresSchema Schema { get; } = new();
    public TestVirtualHost VirtualHost { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public string AdminToken { get; } = Guid.NewGuid().ToString("N");
    public string ComponentToken { get; } = Guid.NewGuid().ToString("N");
    public const string AdminUser = "test-admin";
    public const string ComponentUser = "system:serviceaccount:kube-system:test-component";

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The Api's static token file (Auth:TokenFile), for tests that add, expire or revoke tokens.</summary>
    public string TokenFilePath => _tokenFile;

    /// <summary>Further users the token file holds (a scheduler's service account, a person), each with a token of its
    /// own (<see cref="TokenOf"/>); a <c>system:serviceaccount:</c> user is in the service accounts' group.</summary>
    protected virtual IReadOnlyList<string> MoreUsers => [];

    private readonly Dictionary<string, string> _moreTokens = new(StringComparer.Ordinal);

    /// <summary>The token of one of <see cref="MoreUsers"/>.</summary>
    public string TokenOf(string user) => _moreTokens[user];

    /// <summary>Test classes run side by side, each with its own Api: together they must stay inside PostgreSQL's connection limit.</summary>
    protected virtual int MaxPoolSize => 15;

    /// <summary>Services registered before the Api's own, which then keeps them (an authorizer, say).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Further configuration of the Api under test (a small watch history, say).</summary>
    protected virtual Dictionary<string, string?> Settings => [];

    public IDocumentStore Store => _app!.Services.GetRequiredService<IDocumentStore>();
    public IServiceProvider Services => _app!.Services;

    public virtual async Task InitializeAsync()
    {
        VirtualHost = await TestVirtualHost.CreateAsync();
        foreach (var user in MoreUsers) _moreTokens[user] = Guid.NewGuid().ToString("N");
        await File.WriteAllLinesAsync(_tokenFile,
        [
            $"{AdminToken},{AdminUser},{AdminUser},\"system:masters\"",
            $"{ComponentToken},{ComponentUser},test-component,\"{ServiceAccountGroups(ComponentUser)}\"",
            .. MoreUsers.Select(u => $"{_moreTokens[u]},{u},{u},\"{ServiceAccountGroups(u)}\""),
        ]);
        _app = await StartHostAsync(new Dictionary<string, string?>());
        BaseAddress = new Uri(_app.Urls.First());
        Client = CreateClient(AdminToken);
        // The harness's component user plays every component (ComponentHarness): it gets their roles, as the bootstrap
        // policy grants them to the real service accounts.
        foreach (var role in ComponentRoles) await BindClusterRoleAsync($"test-component:{role}", role, ComponentUser);
    }

    /// <summary>The bootstrap policy's component ClusterRoles, which the test component user is bound to.</summary>
    public static readonly string[] ComponentRoles =
        ["system:eventorch:scheduler", "system:eventorch:controllers", "system:eventorch:node-agent", "system:eventorch:service-proxy"];

    /// <summary>Grants ClusterRole <paramref name="role"/> to <paramref name="user"/> everywhere (a ClusterRoleBinding
    /// written by the admin).</summary>
    public async Task BindClusterRoleAsync(string bindingName, string role, string user)
    {
        var binding = new
        {
            apiVersion = "rbac.authorization.k8s.io/v1",
            kind = "ClusterRoleBinding",
            metadata = new { name = bindingName },
            roleRef = new { apiGroup = "rbac.authorization.k8s.io", kind = "ClusterRole", name = role },
            subjects = new[] { Subject(user) },
        };
        using var response = await Client.PostAsJsonAsync("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", binding);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"binding {role} to {user}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Grants <paramref name="roleKind"/> <paramref name="role"/> to <paramref name="user"/> in
    /// <paramref name="namespace"/> (a RoleBinding written by the admin).</summary>
    public async Task BindRoleAsync(string @namespace, string bindingName, string roleKind, string role, string user)
    {
        var binding = new
        {
            apiVersion = "rbac.authorization.k8s.io/v1",
            kind = "RoleBinding",
            metadata = new { name = bindingName, @namespace },
            roleRef = new { apiGroup = "rbac.authorization.k8s.io", kind = roleKind, name = role },
            subjects = new[] { Subject(user) },
        };
        using var response = await Client.PostAsJsonAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{@namespace}/rolebindings", binding);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"binding {role} to {user} in {@namespace}: {await response.Content.ReadAsStringAsync()}");
    }

    private static object Subject(string user)
    {
        const string prefix = "system:serviceaccount:";
        if (!user.StartsWith(prefix, StringComparison.Ordinal)) return new { kind = "User", apiGroup = "rbac.authorization.k8s.io", name = user };
        var parts = user[prefix.Length..].Split(':', 2);
        return new { kind = "ServiceAccount", name = parts[1], @namespace = parts[0] };
    }

    // A service account is in the service accounts' group and its namespace's, as Kubernetes has it.
    private static string ServiceAccountGroups(string user) =>
        user.Split(':') is ["system", "serviceaccount", var ns, _] ? $"system:serviceaccounts,system:serviceaccounts:{ns}" : "";

    /// <summary>The key Secrets are sealed with unless a test class says otherwise ("id:base64" of 32 bytes).</summary>
    public static readonly string TestEncryptionKey = "test-key:" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    /// <summary>The Api's encryption keys (Secrets:EncryptionKeys), the sealing one first.</summary>
    protected virtual IReadOnlyList<string> EncryptionKeys => [TestEncryptionKey];

    /// <summary>Starts an Api host on this server's schema, virtual host and tokens, with <paramref name="overrides"/> over
    /// its settings (another set of encryption keys, say); the caller stops and disposes it.</summary>
    public async Task<WebApplication> StartHostAsync(IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Store:ConnectionString"] = Support.Services.PostgresConnectionString,
            ["Store:Schema"] = Schema.Name,
            ["Store:MaxPoolSize"] = MaxPoolSize.ToString(),
            ["Auth:TokenFile"] = _tokenFile,
            ["Auth:ServiceAccountKeyFile"] = ServiceAccountKeyFile,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:EventOrch"] = "Information",
        };
        for (var i = 0; i < EncryptionKeys.Count; i++) settings[$"Secrets:EncryptionKeys:{i}"] = EncryptionKeys[i];
        foreach (var (key, value) in BusSettings(VirtualHost.Name)) settings[key] = value;
        var app = ApiApplication.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Configuration.AddInMemoryCollection(Settings);
            builder.Configuration.AddInMemoryCollection(overrides);
            ConfigureServices(builder.Services);
        });
        await app.StartAsync();
        return app;
    }

    public static Dictionary<string, string?> BusSettings(string virtualHost) => new()
    {
        ["Bus:Host"] = "127.0.0.1",
        ["Bus:VirtualHost"] = virtualHost,
        ["Bus:Username"] = Support.Services.RabbitUser,
        ["Bus:Password"] = Support.Services.RabbitPassword,
    };

    public HttpClient CreateClient(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>How many object events the store holds: a refused write must not change it. Marten's own
    /// tombstones, which fill the sequence numbers of failed transactions, are not object events.</summary>
    public async Task<long> EventCountAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName != "tombstone").LongCountAsync();
    }

    /// <summary>How many events of one type the store holds.</summary>
    public async Task<long> EventCountAsync<TEvent>() where TEvent : notnull
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryRawEventDataOnly<TEvent>().LongCountAsync();
    }

    public virtual async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        File.Delete(_tokenFile);
        File.Delete(ServiceAccountKeyFile);
        await Schema.DisposeAsync();
        if (VirtualHost is not null) await VirtualHost.DisposeAsync();
    }
}
