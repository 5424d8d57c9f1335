using EventOrch.Cli.Config;
using EventOrch.Cli.Terminal;

namespace EventOrch.Cli.Identity;

/// <summary>Which token file eoctl edits: <c>--token-file</c>, else the repository's own <c>.eo/tokens.csv</c> (the
/// repository found as for <c>.eo/kubeconfig</c>: above the working directory, else above eoctl's binary).</summary>
public static class TokenFileLocator
{
    public const string RepositoryTokenFile = ".eo/tokens.csv";

    public static string Locate(string? flag, CliConsole console, string binaryDirectory)
    {
        if (!string.IsNullOrEmpty(flag)) return System.IO.Path.GetFullPath(flag, console.CurrentDirectory);
        var root = KubeConfigLocator.RepositoryRoot(console.CurrentDirectory) ?? KubeConfigLocator.RepositoryRoot(binaryDirectory)
            ?? throw new CliException("no token file: eoctl looks for .eo/tokens.csv in the EventOrch repository above the working "
                + "directory or above its own binary; run it inside the repository, or pass --token-file");
        return System.IO.Path.Combine(root, RepositoryTokenFile);
    }
}
