using EventOrch.ClientRuntime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EventOrch.Tests.Support;

/// <summary>A component host (informers, bus, Api client) as the real processes build it, started in-process
/// against a test's <see cref="ApiServer"/>.</summary>
public sealed class ComponentHarness : IAsyncDisposable
{
    private readonly IHost _host;

    private ComponentHarness(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>A component host with just the given informers.</summary>
    public static Task<ComponentHarness> StartAsync(ApiServer api, string component, Action<ComponentBuilder> configure,
        IDictionary<string, string?>? settings = null) =>
        StartAsync(api, component, builder => builder.AddComponent(component, configure), settings);

    /// <summary>A component host built by a host's own registration method (AddSchedulerServices, say).</summary>
    public static async Task<ComponentHarness> StartAsync(ApiServer api, string component, Action<IHostApplicationBuilder> addServices,
        IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(ApiServer.BusSettings(api.VirtualHost.Name));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Api:Server"] = api.BaseAddress.ToString(),
            ["Api:Token"] = api.ComponentToken,
            ["Component:Queue"] = $"{component}-{Guid.NewGuid():N}",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        addServices(builder);
        var host = builder.Build();
        await host.StartAsync();
        return new ComponentHarness(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
