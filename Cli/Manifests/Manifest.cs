using System.Text.Json.Nodes;

namespace EventOrch.Cli.Manifests;

/// <summary>One object read from a file (or standard input), with where it came from for messages.</summary>
public sealed record Manifest(JsonObject Object, string Source)
{
    public string ApiVersion => Object["apiVersion"]!.GetValue<string>();
    public string Kind => Object["kind"]!.GetValue<string>();
    public string Name => Object["metadata"]!["name"]!.GetValue<string>();
    public string? Namespace => Object["metadata"]?["namespace"]?.GetValue<string>() is { Length: > 0 } ns ? ns : null;
}
