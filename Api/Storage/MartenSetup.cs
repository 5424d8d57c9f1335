using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using JasperFx;
using Npgsql;
using Weasel.Core;

namespace EventOrch.Api.Storage;

/// <summary>How the event store is laid out: one stream per object keyed by uid, event metadata
/// for who, correlation and causation, and an inline projection per kind.</summary>
public static class MartenSetup
{
    public static void Configure(StoreOptions options, NpgsqlDataSource dataSource, string schema,
        Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        options.Connection(dataSource);
        options.DatabaseSchemaName = schema;
        // Marten must know the casing too: its indexes and LINQ name the JSON properties.
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, KubeJson.Configure);
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;

        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.AppendMode = EventAppendMode.Rich;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        // Wake the relay on every append (LISTEN/NOTIFY) instead of waiting for the next poll.
        options.Events.UseListenNotifyForEventAppends = true;

        var kinds = new KindRegistration(options);
        foreach (var kind in StoredKinds.All) kind.Accept(kinds);
        // One row per node port a Service holds: the primary key keeps two services off the same port.
        options.Schema.For<Resources.NodePortClaim>().DocumentAlias("node_port_claims");
        KubeEvents.KubeEventStorage.Configure(options, loggers);
        Audit.AuditStorage.Configure(options);
        Webhooks.WebhookStorage.Configure(options);
        Refusals.RefusalTable.Configure(options);
    }

    private sealed class KindRegistration(StoreOptions options) : IStoredKindVisitor
    {
        public void Visit<T>(IObjectEvolver<T> evolver) where T : class, IKubeObject => AddKind(options, evolver);
    }

    private static void AddKind<T>(StoreOptions options, IObjectEvolver<T> evolver) where T : class, IKubeObject
    {
        options.Events.AddEventTypes(evolver.EventTypes);
        options.Schema.For<ObjectRecord<T>>()
            .DocumentAlias(evolver.Kind.Plural)
            .UniqueIndex(UniqueIndexType.Computed, $"uix_{evolver.Kind.Plural}_key", x => x.Key)
            .Index(x => x.Sequence);
        options.Projections.Add(new ObjectProjection<T>(evolver), ProjectionLifecycle.Inline);
    }
}
