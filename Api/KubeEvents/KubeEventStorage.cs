using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventOrch.Api.KubeEvents;

/// <summary>Where Events are kept and what serves them: the <c>kube_events</c> table with the indexes kubectl's queries
/// need, the inline projection, the backfill and the queries.</summary>
public static class KubeEventStorage
{
    public static void Configure(StoreOptions options, ILoggerFactory? loggers)
    {
        options.Schema.For<KubeEventRecord>()
            .DocumentAlias("kube_events")
            .Index(x => x.Namespace)
            .Index(x => x.InvolvedUid)
            .Index(x => x.InvolvedName);
        options.Schema.For<KubeEventBackfillMarker>().DocumentAlias("kube_event_backfills");
        var logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<KubeEventProjection>();
        options.Projections.Add(new KubeEventProjection(logger), ProjectionLifecycle.Inline, KubeEventProjection.Name);
    }

    public static IServiceCollection AddKubeEvents(this IServiceCollection services)
    {
        services.AddSingleton<KubeEventQueries>();
        services.AddSingleton<KubeEventBackfill>();
        services.AddHostedService(sp => sp.GetRequiredService<KubeEventBackfill>());
        return services;
    }
}
