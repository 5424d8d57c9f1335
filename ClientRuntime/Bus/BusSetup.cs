using EventOrch.Contracts.Serialization;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EventOrch.ClientRuntime.Bus;

/// <summary>MassTransit on RabbitMQ with the Kubernetes JSON conventions, shared by every host.</summary>
public static class BusSetup
{
    /// <summary>Adds the bus. <paramref name="configure"/> registers consumers and endpoints.</summary>
    public static IHostApplicationBuilder AddEventOrchBus(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator>? registerConsumers = null,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configureEndpoints = null)
    {
        builder.Services.AddOptions<BusOptions>().BindConfiguration(BusOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMassTransit(x =>
        {
            // MassTransit would otherwise report usage to its vendor: no traffic leaves this machine.
            x.DisableUsageTelemetry();
            registerConsumers?.Invoke(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                var options = context.GetRequiredService<IOptions<BusOptions>>().Value;
                cfg.Host(options.Host, (ushort)options.Port, options.VirtualHost, h =>
                {
                    h.Username(options.Username);
                    h.Password(options.Password);
                });
                cfg.ConfigureJsonSerializerOptions(o =>
                {
                    KubeJson.Configure(o);
                    return o;
                });
                configureEndpoints?.Invoke(context, cfg);
            });
        });
        return builder;
    }
}
