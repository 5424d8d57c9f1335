using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace EventOrch.Api.Refusals;

/// <summary>The table of refused requests, <c>eo_refusals</c>, beside the event store and created with it: one row per
/// 401, 403 or 429, keyed by an increasing id, with an index for each way it is queried (time, user, namespace, code).</summary>
public static class RefusalTable
{
    public const string Name = "eo_refusals";

    public static void Configure(StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("id", "bigserial").AsPrimaryKey();
        table.AddColumn("ts", "timestamptz").NotNull();
        table.AddColumn<int>("code").NotNull();
        table.AddColumn("reason", "text").NotNull();
        table.AddColumn("message", "text").NotNull();
        table.AddColumn("user_name", "text").NotNull();
        table.AddColumn("groups", "text[]");
        table.AddColumn("verb", "text").NotNull();
        table.AddColumn("api_group", "text");
        table.AddColumn("resource", "text");
        table.AddColumn("subresource", "text");
        table.AddColumn("namespace", "text");
        table.AddColumn("name", "text");
        table.AddColumn("method", "text").NotNull();
        table.AddColumn("path", "text").NotNull();
        table.AddColumn("request_id", "text");
        table.AddColumn("source_address", "text");
        table.AddColumn("user_agent", "text");
        // Every filter is followed by id, so a filtered page reads its rows in order from one index.
        Index(table, "ts", "ts", "id");
        Index(table, "user", "user_name", "id");
        Index(table, "namespace", "namespace", "id");
        Index(table, "code", "code", "id");
        options.Storage.ExtendedSchemaObjects.Add(table);
    }

    public static string QualifiedName(string schema) => $"{schema}.{Name}";

    private static void Index(Table table, string name, params string[] columns) =>
        table.Indexes.Add(new IndexDefinition($"ix_{Name}_{name}") { Columns = columns });
}
