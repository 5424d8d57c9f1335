namespace EventOrch.Api.Refusals;

/// <summary>The log of refused requests: its queue and writer, its pruner, the middleware that feeds it and its query.</summary>
public static class RefusalLogExtensions
{
    public static IServiceCollection AddRefusalLog(this IServiceCollection services)
    {
        services.AddOptions<RefusalOptions>().BindConfiguration(RefusalOptions.Section)
            .Validate(o => o.Retention > TimeSpan.Zero, "Refusals:Retention must be positive")
            .Validate(o => o.PruneInterval > TimeSpan.Zero, "Refusals:PruneInterval must be positive")
            .Validate(o => o.QueueCapacity > 0 && o.BatchSize > 0, "Refusals:QueueCapacity and Refusals:BatchSize must be positive")
            .ValidateOnStart();
        services.AddSingleton<RefusalLog>();
        services.AddSingleton<RefusalStore>();
        services.AddHostedService<RefusalWriter>();
        services.AddHostedService<RefusalPruner>();
        return services;
    }

    /// <summary>Notes every 401, 403 and 429 as it leaves; placed before authentication so its refusals are seen too.</summary>
    public static IApplicationBuilder UseRefusalLog(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (RefusalLog.IsRefusal(context.Response.StatusCode)) context.RequestServices.GetRequiredService<RefusalLog>().Record(context);
    });
}
