using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.Serialization;
using YamlDotNet.Core;

namespace EventOrch.Cli.Manifests;

/// <summary>Reads the objects of -f arguments: files, directories (their .yaml, .yml and .json files, with -R those
/// of every directory below too) and "-" for standard input; YAML with several documents, JSON, and List objects
/// whose items are read one by one.</summary>
public static class ManifestReader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static IReadOnlyList<Manifest> Read(IEnumerable<string> arguments, bool recursive, string currentDirectory, Func<TextReader> standardInput,
        string verb)
    {
        var manifests = new List<Manifest>();
        foreach (var argument in arguments)
        {
            if (argument == "-")
            {
                manifests.AddRange(Parse(standardInput().ReadToEnd(), "STDIN"));
                continue;
            }
            var path = Path.GetFullPath(argument, currentDirectory);
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files) manifests.AddRange(Parse(File.ReadAllText(file), Relative(file, currentDirectory)));
            }
            else if (File.Exists(path))
            {
                manifests.AddRange(Parse(File.ReadAllText(path), argument));
            }
            else
            {
                throw new CliException($"the path \"{argument}\" does not exist");
            }
        }
        if (manifests.Count == 0) throw new CliException($"no objects passed to {verb}");
        return manifests;
    }

    /// <summary>The objects of one file's text: JSON when it starts with '{' or '[', YAML otherwise.</summary>
    public static IReadOnlyList<Manifest> Parse(string text, string source)
    {
        IReadOnlyList<JsonNode?> documents;
        try
        {
            var trimmed = text.TrimStart();
            documents = trimmed.StartsWith('{') || trimmed.StartsWith('[') ? [JsonNode.Parse(trimmed)] : YamlToJson.ConvertAll(text);
        }
        catch (Exception ex) when (ex is JsonException or YamlException)
        {
            throw new CliException($"error parsing {source}: {ex.Message}");
        }
        var manifests = new List<Manifest>();
        foreach (var document in documents)
        {
            switch (document)
            {
                case null:
                    continue;
                case JsonArray array:
                    foreach (var item in array) manifests.AddRange(Expand(item, source));
                    break;
                default:
                    manifests.AddRange(Expand(document, source));
                    break;
            }
        }
        return manifests;
    }

    // A List (kind List, or any *List with items) stands for its items.
    private static IEnumerable<Manifest> Expand(JsonNode? node, string source)
    {
        if (node is not JsonObject obj) throw new CliException($"error validating \"{source}\": an object must be a mapping, not {node?.GetValueKind()}");
        if (obj["kind"] is JsonValue kind && kind.ToString().EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
        {
            foreach (var item in items)
            {
                foreach (var manifest in Expand(item, source)) yield return manifest;
            }
            yield break;
        }
        yield return Validate(obj, source);
    }

    private static Manifest Validate(JsonObject obj, string source)
    {
        string? Missing()
        {
            if (obj["apiVersion"] is not JsonValue v || v.ToString().Length == 0) return "apiVersion not set";
            if (obj["kind"] is not JsonValue k || k.ToString().Length == 0) return "kind not set";
            if (obj["metadata"]?["name"] is not JsonValue n || n.ToString().Length == 0)
                return obj["metadata"]?["generateName"] is not null ? "metadata.generateName is not supported by apply: give metadata.name" : "metadata.name not set";
            return null;
        }
        if (Missing() is { } problem) throw new CliException($"error validating \"{source}\": error validating data: {problem}");
        return new Manifest(obj, source);
    }

    private static string Relative(string file, string currentDirectory)
    {
        var relative = Path.GetRelativePath(currentDirectory, file);
        return relative.StartsWith("..", StringComparison.Ordinal) ? file : relative;
    }
}
