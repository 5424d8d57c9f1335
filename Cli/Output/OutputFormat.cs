namespace EventOrch.Cli.Output;

/// <summary>The -o choices: the server's table (default, or wide with its extra columns), the objects as YAML or JSON,
/// or kind/name only.</summary>
public enum OutputFormat
{
    Table,
    Wide,
    Yaml,
    Json,
    Name,
}

public static class OutputFormats
{
    public static readonly string[] Names = ["wide", "yaml", "json", "name"];

    public static OutputFormat Parse(string? text) => text switch
    {
        null or "" => OutputFormat.Table,
        "wide" => OutputFormat.Wide,
        "yaml" => OutputFormat.Yaml,
        "json" => OutputFormat.Json,
        "name" => OutputFormat.Name,
        _ => throw new CliException($"unable to match a printer suitable for the output format \"{text}\", allowed formats are: json,name,wide,yaml"),
    };
}
