using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Discovery;
using EventOrch.Cli.Output;

namespace EventOrch.Cli.Resources;

/// <summary>Gets and lists asking for the server's Table (kubectl's Accept header), read as an <see cref="ObjectTable"/>
/// either way: the server's columns when it answers a Table, NAME and AGE when it answers the objects.</summary>
public static class TableCalls
{
    public static Task<ObjectTable> ListTableAsync(this KubeApiClient api, ApiResource resource, string? @namespace, string? labelSelector,
        string? fieldSelector, DateTimeOffset now, CancellationToken cancellationToken) =>
        api.ListTableAsync(resource, @namespace, labelSelector, fieldSelector, asOf: null, now, cancellationToken);

    /// <summary>The table of the collection as it was at <paramref name="asOf"/> (a resourceVersion or an RFC 3339 time),
    /// or as it is when that is null.</summary>
    public static async Task<ObjectTable> ListTableAsync(this KubeApiClient api, ApiResource resource, string? @namespace, string? labelSelector,
        string? fieldSelector, string? asOf, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var columns = new List<TableColumn>();
        var rows = new List<TableRow>();
        string? resourceVersion = null, next = null;
        do
        {
            var page = await api.SendJsonAsync(HttpMethod.Get, resource.CollectionPath(resource.Namespaced ? @namespace : null)
                + ObjectCalls.ListQuery(labelSelector, fieldSelector, next, asOf), accept: ObjectTable.Accept, cancellationToken: cancellationToken);
            var table = Read(page, now);
            if (columns.Count == 0) columns.AddRange(table.Columns);
            rows.AddRange(table.Rows);
            resourceVersion ??= table.ResourceVersion;
            next = table.Continue;
        } while (!string.IsNullOrEmpty(next));
        return new ObjectTable(columns.Count > 0 ? columns : ObjectTable.NameAndAge, rows, resourceVersion, null);
    }

    public static async Task<ObjectTable> GetTableAsync(this KubeApiClient api, ApiResource resource, string? @namespace, string name,
        string? asOf, DateTimeOffset now, CancellationToken cancellationToken) =>
        Read(await api.SendJsonAsync(HttpMethod.Get, resource.ItemPath(@namespace, name) + ObjectCalls.AsOfQuery(asOf), accept: ObjectTable.Accept,
            cancellationToken: cancellationToken), now);

    /// <summary>A Table, a list of objects, or one object, as rows.</summary>
    public static ObjectTable Read(JsonNode answer, DateTimeOffset now, IReadOnlyList<TableColumn>? columns = null)
    {
        if (ObjectTable.IsTable(answer)) return ObjectTable.FromTable(answer, columns);
        var metadata = answer["metadata"];
        if (answer["items"] is JsonArray items)
            return ObjectTable.FromObjects(items.OfType<JsonObject>(), now, metadata?["resourceVersion"]?.GetValue<string>(), metadata?["continue"]?.GetValue<string>());
        return ObjectTable.FromObjects([(JsonObject)answer], now, metadata?["resourceVersion"]?.GetValue<string>());
    }
}
