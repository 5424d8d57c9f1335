using EventOrch.Api.Webhooks.Delivery;
using EventOrch.Api.Webhooks.Destinations;
using EventOrch.Api.Webhooks.Routing;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Webhooks;

/// <summary>Registers outbound webhooks: the options, the delivery client (its connections checked by
/// <see cref="GuardedConnector"/>), the dispatcher and what it uses. The router is registered with the async daemon
/// beside the relay, and the kind with the other kinds.</summary>
public static class WebhookServiceExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddSingleton<EventCatalog>();
        services.AddSingleton<DeliveryBody>();
        services.AddSingleton(sp => DestinationPolicy.From(sp.GetRequiredService<IOptions<WebhookOptions>>()));
        services.AddSingleton<GuardedConnector>();
        services.AddHttpClient(WebhookSender.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<GuardedConnector>().ConnectAsync,
                // A redirect is an answer like any other (a failure); a proxy would make the checked address the proxy's.
                AllowAutoRedirect = false,
                UseProxy = false,
                // Connections are checked when opened: opening them again now and then follows DNS changes.
                PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            })
            // One log line per delivery would drown the Api's log.
            .RemoveAllLoggers();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<DispatchServices>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
