using System.Text.Json.Nodes;
using EventOrch.Contracts.Formatting;

namespace EventOrch.Cli.Output;

/// <summary>A column of a table: its header as the server names it, its JSON Schema format ("name" marks the NAME
/// column) and priority (0 always shown, more only with -o wide).</summary>
public sealed record TableColumn(string Name, string Format, int Priority);

/// <summary>A row: its cells in column order, and the object's namespace, name and uid.</summary>
public sealed record TableRow(IReadOnlyList<JsonNode?> Cells, string? Namespace, string? Name, string? Uid, JsonNode? Object = null);

/// <summary>Rows of one kind to print: a meta.k8s.io Table the server made, or NAME and AGE made here from plain
/// objects when the server answers with a list.</summary>
public sealed record ObjectTable(IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows, string? ResourceVersion, string? Continue)
{
    /// <summary>The Accept header kubectl sends for get: a Table if the server makes one, the plain object otherwise.</summary>
    public const string Accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    public static readonly IReadOnlyList<TableColumn> NameAndAge = [new("Name", "name", 0), new("Age", "", 0)];

    public static bool IsTable(JsonNode? answer) => answer?["kind"]?.GetValue<string>() == "Table";

    /// <summary>A server's Table; <paramref name="columns"/> stands in when it carries none (a watch event's).</summary>
    public static ObjectTable FromTable(JsonNode table, IReadOnlyList<TableColumn>? columns = null)
    {
        var definitions = (table["columnDefinitions"] as JsonArray ?? [])
            .Select(c => new TableColumn(
                c?["name"]?.GetValue<string>() ?? "",
                c?["format"]?.GetValue<string>() ?? "",
                c?["priority"] is JsonValue p && p.TryGetValue<int>(out var priority) ? priority : 0))
            .ToList();
        var rows = (table["rows"] as JsonArray ?? [])
            .Select(r => new TableRow(
                (r?["cells"] as JsonArray ?? []).Select(c => c?.DeepClone()).ToList(),
                r?["object"]?["metadata"]?["namespace"]?.GetValue<string>(),
                r?["object"]?["metadata"]?["name"]?.GetValue<string>(),
                r?["object"]?["metadata"]?["uid"]?.GetValue<string>(),
                r?["object"]?.DeepClone()))
            .ToList();
        return new ObjectTable(definitions.Count > 0 || columns is null ? definitions : columns, rows,
            table["metadata"]?["resourceVersion"]?.GetValue<string>(), table["metadata"]?["continue"]?.GetValue<string>());
    }

    /// <summary>NAME and AGE of plain objects (a list's items, or one object).</summary>
    public static ObjectTable FromObjects(IEnumerable<JsonObject> objects, DateTimeOffset now, string? resourceVersion = null, string? next = null) =>
        new(NameAndAge, objects.Select(o => Row(o, now)).ToList(), resourceVersion, next);

    public static TableRow Row(JsonObject obj, DateTimeOffset now)
    {
        var metadata = obj["metadata"];
        var name = metadata?["name"]?.GetValue<string>();
        return new TableRow(
            [JsonValue.Create(name), JsonValue.Create(HumanDuration.Since(metadata?["creationTimestamp"]?.GetValue<string>(), now))],
            metadata?["namespace"]?.GetValue<string>(), name, metadata?["uid"]?.GetValue<string>(), obj);
    }

    /// <summary>A cell as kubectl prints it: nothing reads "&lt;none&gt;", a string as it is, anything else as JSON.</summary>
    public static string CellText(JsonNode? cell) => cell switch
    {
        null => "<none>",
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Null => "<none>",
        _ => cell.ToJsonString(),
    };
}
