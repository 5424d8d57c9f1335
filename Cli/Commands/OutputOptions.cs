using System.CommandLine;

namespace EventOrch.Cli.Commands;

/// <summary>Options shared by the commands that list objects: -o, -A, -l.</summary>
public static class OutputOptions
{
    public static Option<string?> Output() => new("--output", "-o")
    {
        Description = "Output format: wide, yaml, json or name (default: the server's table)",
    };

    public static Option<bool> AllNamespaces() => new("--all-namespaces", "-A")
    {
        Description = "Every namespace (the namespace given by -n or the context is ignored)",
    };

    public static Option<string?> Selector() => new("--selector", "-l")
    {
        Description = "Label selector, e.g. app=web,tier!=cache or 'env in (a,b)'",
    };

    /// <summary>The -o choices of the commands with a text of their own (history, audit, why, replay): that text (null),
    /// or the answer as JSON or YAML.</summary>
    public static EventOrch.Cli.Output.OutputFormat? JsonOrYaml(string? text) => text switch
    {
        null or "" => null,
        "json" => EventOrch.Cli.Output.OutputFormat.Json,
        "yaml" => EventOrch.Cli.Output.OutputFormat.Yaml,
        _ => throw new CliException($"unable to match a printer suitable for the output format \"{text}\", allowed formats are: json,yaml"),
    };
}
