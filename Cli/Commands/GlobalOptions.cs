using System.CommandLine;

namespace EventOrch.Cli.Commands;

/// <summary>The options every command takes: which kubeconfig and context, and the namespace.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "Path to the kubeconfig file (default: $KUBECONFIG, else the repository's .eo/kubeconfig)",
        Recursive = true,
    };

    public Option<string?> Context { get; } = new("--context")
    {
        Description = "The kubeconfig context to use (default: its current-context)",
        Recursive = true,
    };

    public Option<string?> Namespace { get; } = new("--namespace", "-n")
    {
        Description = "The namespace to act in (default: the context's)",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Kubeconfig);
        root.Options.Add(Context);
        root.Options.Add(Namespace);
    }

    public Values Read(ParseResult result) => new(result.GetValue(Kubeconfig), result.GetValue(Context), result.GetValue(Namespace));

    public sealed record Values(string? Kubeconfig, string? Context, string? Namespace);
}
