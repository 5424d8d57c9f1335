using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EventOrch.Cli.Output;

/// <summary>Objects as -o yaml and -o json print them: one object as itself, several as a v1 List.</summary>
public static class ObjectPrinter
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 4,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Json(JsonNode? node) => node?.ToJsonString(Indented) ?? "null";

    public static string Yaml(JsonNode? node) => YamlWriter.Write(node);

    /// <summary>The one object, or a List of them (kubectl's shape: apiVersion v1, kind List, items, metadata).</summary>
    public static JsonNode Document(IReadOnlyList<JsonObject> objects, bool single) =>
        single && objects.Count == 1
            ? objects[0]
            : new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "List",
                ["items"] = new JsonArray(objects.Select(o => (JsonNode)o.DeepClone()).ToArray()),
                ["metadata"] = new JsonObject { ["resourceVersion"] = "" },
            };

    public static string Format(JsonNode document, OutputFormat format) => format switch
    {
        OutputFormat.Json => Json(document) + "\n",
        OutputFormat.Yaml => Yaml(document),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
