using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace EventOrch.Api.Webhooks;

/// <summary>The table of deliveries beside the event store, created with Marten's own schema objects (so it exists
/// before the router's first page): one row per (subscription, event) waiting to be sent, being retried, or dead.</summary>
public static class WebhookStorage
{
    public const string TableName = "eo_webhook_deliveries";

    /// <summary>The PostgreSQL notification channel the router and redeliveries wake the dispatcher on; the payload is
    /// "schema|uid,uid,..." (or "schema|*"), as several schemas share one database.</summary>
    public const string Channel = "eventorch_webhooks";

    public static void Configure(StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn<Guid>("subscription_uid").NotNull();
        table.AddColumn<long>("sequence").NotNull();
        table.AddColumn<Guid>("event_id").NotNull();
        table.AddColumn("event_type", "text").NotNull();
        table.AddColumn("object_kind", "text").NotNull();
        table.AddColumn("object_namespace", "text").NotNull();
        table.AddColumn("object_name", "text").NotNull();
        table.AddColumn<Guid>("object_uid").NotNull();
        // The exact bytes every attempt sends (and signs): fixed when the event is routed.
        table.AddColumn("body", "text").NotNull();
        table.AddColumn("state", "text").NotNull();
        table.AddColumn<int>("attempts").NotNull();
        table.AddColumn("created_at", "timestamptz").NotNull();
        table.AddColumn("next_attempt_at", "timestamptz").NotNull();
        table.AddColumn("last_attempt_at", "timestamptz");
        table.AddColumn<int>("last_status_code").AllowNulls();
        table.AddColumn("last_error", "text");
        table.AddColumn("dead_lettered_at", "timestamptz");
        // A subscription's queue, in event order: what each sender reads, and what the dead letters list.
        table.Indexes.Add(new IndexDefinition($"ix_{TableName}_queue") { Columns = ["subscription_uid", "state", "sequence"] });
        options.Storage.ExtendedSchemaObjects.Add(table);
    }

    public static string QualifiedName(string schema) => $"{schema}.{TableName}";
}
