using Microsoft.Extensions.Options;

namespace EventOrch.Api.Metrics;

/// <summary>The metrics pipeline's Api side: the sample store, its pruner, the report endpoints and the metrics APIs.</summary>
public static class MetricsPipelineExtensions
{
    public static IServiceCollection AddMetricsPipeline(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .Validate(o => o.Retention > TimeSpan.Zero, "Metrics:Retention must be positive")
            .Validate(o => o.MaxAge > TimeSpan.Zero && o.MaxAge <= o.Retention, "Metrics:MaxAge must be positive and at most Metrics:Retention")
            .Validate(o => o.PruneInterval > TimeSpan.Zero, "Metrics:PruneInterval must be positive")
            .ValidateOnStart();
        services.AddSingleton<MetricsStore>();
        services.AddSingleton<MetricsReader>();
        services.AddHostedService<MetricsPruner>();
        return services;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app) =>
        app.MapMetricReports().MapResourceMetrics().MapCustomMetrics();
}
