using EventOrch.Cli.Terminal;

namespace EventOrch.Cli.Config;

/// <summary>Which kubeconfig files eoctl reads: <c>--kubeconfig</c>, else <c>KUBECONFIG</c> (a list joined by ':'),
/// else the repository's own <c>.eo/kubeconfig</c>, the repository found above the working directory or above eoctl's
/// own binary (which <c>./eo up</c> leaves under the repository).</summary>
public static class KubeConfigLocator
{
    public const string RepositoryKubeconfig = ".eo/kubeconfig";

    public static IReadOnlyList<string> Locate(string? flag, CliConsole console, string binaryDirectory)
    {
        if (!string.IsNullOrEmpty(flag))
        {
            var path = Path.GetFullPath(flag, console.CurrentDirectory);
            if (!File.Exists(path)) throw new CliException($"stat {flag}: no such file or directory");
            return [path];
        }
        if (console.Environment("KUBECONFIG") is { Length: > 0 } list)
        {
            var paths = list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(p => Path.GetFullPath(p, console.CurrentDirectory)).Where(File.Exists).ToList();
            if (paths.Count == 0) throw new CliException($"none of the files in KUBECONFIG ({list}) exists");
            return paths;
        }
        var root = RepositoryRoot(console.CurrentDirectory) ?? RepositoryRoot(binaryDirectory)
            ?? throw new CliException(
                "no kubeconfig: eoctl looks for .eo/kubeconfig in the EventOrch repository above the working directory or above "
                + "its own binary; run it inside the repository, set KUBECONFIG, or pass --kubeconfig");
        var kubeconfig = Path.Combine(root, RepositoryKubeconfig);
        if (!File.Exists(kubeconfig))
            throw new CliException($"no kubeconfig at {kubeconfig}: ./eo up writes it; or set KUBECONFIG, or pass --kubeconfig");
        return [kubeconfig];
    }

    /// <summary>The nearest directory at or above <paramref name="start"/> that is an EventOrch checkout (it holds
    /// EventOrch.sln, or the ./eo script beside an .eo directory).</summary>
    public static string? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EventOrch.sln"))
                || (File.Exists(Path.Combine(dir.FullName, "eo")) && Directory.Exists(Path.Combine(dir.FullName, ".eo"))))
                return dir.FullName;
        }
        return null;
    }

    public static KubeConfig Load(IReadOnlyList<string> paths) =>
        KubeConfig.Merge(paths.Select(p => KubeConfig.Parse(File.ReadAllText(p), p)));
}
