namespace EventOrch.Api.Watch;

/// <summary>Registers the watch cache; each kind registers its <see cref="IWatchedKind"/> with the kind itself.</summary>
public static class WatchServiceExtensions
{
    public static IServiceCollection AddWatchCache(this IServiceCollection services)
    {
        services.AddOptions<WatchOptions>().BindConfiguration(WatchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EventFeed>();
        services.AddSingleton<AppendListener>();
        services.AddSingleton<WatchCache>();
        services.AddHostedService(sp => sp.GetRequiredService<WatchCache>());
        services.AddSingleton<Storage.ISequenceFollower>(sp => sp.GetRequiredService<WatchCache>());
        return services;
    }
}
