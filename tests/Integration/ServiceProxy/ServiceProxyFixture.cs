using System.Net;
using System.Net.Sockets;
using EventOrch.ServiceProxy;
using EventOrch.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace EventOrch.Tests.Integration.ServiceProxy;

/// <summary>The real Api and a real ServiceProxy host beside it, listening on free loopback ports (admin, HTTP/1.1
/// entry point, HTTP/2 entry point). No controllers run: tests write Endpoints themselves, pointing at
/// <see cref="TestBackend"/>s.</summary>
public sealed class ServiceProxyFixture : ApiServer
{
    public ProxyHost Proxy { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Proxy = await ProxyHost.StartAsync(this);
    }

    public override async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A port of the node-port range that is free on loopback right now.</summary>
    public static int FreeNodePort()
    {
        for (var port = Random.Shared.Next(30000, 32000); ; port++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }
}

/// <summary>One ServiceProxy instance (the real host, as Program.cs builds it) and clients for its ports.</summary>
public sealed class ProxyHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProxyHost(WebApplication app, int adminPort, int entryPort, int http2EntryPort)
    {
        _app = app;
        AdminPort = adminPort;
        EntryPort = entryPort;
        Http2EntryPort = http2EntryPort;
    }

    public IServiceProvider Services => _app.Services;
    public int AdminPort { get; }
    public int EntryPort { get; }
    public int Http2EntryPort { get; }
    public HttpClient Admin { get; } = new();
    public HttpClient Client { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(20) };

    /// <param name="settings">Further configuration of the proxy (its metrics interval, say).</param>
    public static async Task<ProxyHost> StartAsync(ApiServer api, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var (admin, entry, http2) = (ServiceProxyFixture.FreePort(), ServiceProxyFixture.FreePort(), ServiceProxyFixture.FreePort());
        var app = ServiceProxyApplication.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(ApiServer.BusSettings(api.VirtualHost.Name));
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Urls"] = $"http://127.0.0.1:{admin}",
                ["Api:Server"] = api.BaseAddress.ToString(),
                ["Api:Token"] = api.ComponentToken,
                ["Api:TokenFile"] = "",
                ["Component:Queue"] = $"service-proxy-{Guid.NewGuid():N}",
                ["Proxy:ListenAddress"] = "127.0.0.1",
                ["Proxy:EntryPort"] = entry.ToString(),
                ["Proxy:Http2EntryPort"] = http2.ToString(),
                ["Proxy:HealthWindow"] = "00:00:05",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:EventOrch"] = "Information",
            });
            if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        });
        await app.StartAsync();
        var host = new ProxyHost(app, admin, entry, http2);
        host.Admin.BaseAddress = new Uri($"http://127.0.0.1:{admin}");
        return host;
    }

    /// <summary>A GET through the entry point with the given Host.</summary>
    public async Task<(HttpStatusCode Code, string Body)> GetAsync(string host, string path = "/")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{EntryPort}{path}");
        request.Headers.Host = host;
        using var response = await Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
