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
}
