using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Bus;
using EventOrch.ClientRuntime.Informers;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EventOrch.ClientRuntime.Hosting;

/// <summary>The common shape of every component host: an Api client with the component's token, the bus
/// with the component's own queue, informers, and /healthz, /readyz and /debug/cache.</summary>
public static class ComponentHost
{
    public static IHostApplicationBuilder AddComponent(this IHostApplicationBuilder builder, string component, Action<ComponentBuilder> configure)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ComponentOptions>().BindConfiguration(ComponentOptions.Section)
            .PostConfigure(o => o.Queue = o.Queue.Length > 0 ? o.Queue : component)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApiClientOptions>().BindConfiguration(ApiClientOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InformerOptions>().BindConfiguration(InformerOptions.Section);
        services.AddHttpClient<KubeApiClient>();
        services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);

        var parts = new ComponentBuilder(builder);
        configure(parts);
        builder.AddEventOrchBus(
            x =>
            {
                foreach (var consumer in parts.Consumers) x.AddConsumer(consumer);
                x.AddReceiveEndpointObserver<RelistWhenQueueReady>();
            },
            (context, cfg) =>
            {
                var queue = context.GetRequiredService<IOptions<ComponentOptions>>().Value.Queue;
                cfg.ReceiveEndpoint(queue, e =>
                {
                    // One message at a time keeps each object's events in commit order.
                    e.PrefetchCount = 64;
                    e.ConcurrentMessageLimit = 1;
                    // A queue nobody consumes for a day is removed; its component relists when it returns.
                    e.SetQueueArgument("x-expires", (int)TimeSpan.FromDays(1).TotalMilliseconds);
                    e.ConfigureConsumers(context);
                });
            });
        return builder;
    }

    /// <summary>/healthz (the process is up), /readyz (every informer has synced) and /debug/cache.</summary>
    public static IEndpointRouteBuilder MapComponentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (IEnumerable<IInformer> informers) =>
            informers.All(i => i.HasSynced) ? Results.Text("ok") : Results.Text("informers not synced", statusCode: 503));
        app.MapGet("/debug/cache", (IEnumerable<IInformer> informers, IOptions<ComponentOptions> options) => Results.Json(new
        {
            queue = options.Value.Queue,
            informers = informers.Select(i => new
            {
                resource = i.Resource,
                count = i.Count,
                synced = i.HasSynced,
                lastListedAt = i.LastListedAt,
                relists = i.Relists,
                refetches = i.Refetches,
            }),
        }));
        return app;
    }
}
