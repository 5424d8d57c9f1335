using JasperFx.Events.Projections;
using Marten;

namespace EventOrch.Api.Audit;

/// <summary>Where the audit index is kept and what serves it: the <see cref="AuditTable"/>, its inline projection, the
/// backfill and the queries.</summary>
public static class AuditStorage
{
    public static void Configure(StoreOptions options)
    {
        var schema = options.DatabaseSchemaName;
        options.Storage.ExtendedSchemaObjects.Add(AuditTable.Define(schema));
        options.Schema.For<AuditBackfillMarker>().DocumentAlias("audit_backfills");
        options.Schema.For<ObjectSnapshot>().DocumentAlias("object_snapshots").Index(x => x.StreamId);
        options.Projections.Add(new AuditIndexProjection(schema), ProjectionLifecycle.Inline, AuditIndexProjection.Name);
    }

    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditQueries>();
        services.AddSingleton<HistoryReader>();
        services.AddSingleton<CausalityReader>();
        services.AddSingleton<PastObjects>();
        services.AddSingleton<AuditBackfill>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditBackfill>());
        return services;
    }
}
