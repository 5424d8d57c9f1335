using EventOrch.Cli;
using EventOrch.Cli.Terminal;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Cli;

/// <summary>What one eoctl command did: its exit code and what it wrote.</summary>
public sealed record EoctlResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>Runs eoctl commands in-process against a test's Api, with a kubeconfig of their own (admin token, namespace
/// <c>default</c>) and a directory for manifest files.</summary>
public sealed class EoctlRunner : IDisposable
{
    private readonly string _kubeconfig;

    public EoctlRunner(ApiServer api)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("eoctl-test-").FullName;
        _kubeconfig = Path.Combine(Directory, "kubeconfig");
        File.WriteAllText(_kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster: {"{"}server: "{api.BaseAddress.ToString().TrimEnd('/')}"{"}"}
            contexts:
            - name: test
              context: {"{"}cluster: test, user: admin, namespace: default{"}"}
            current-context: test
            users:
            - name: admin
              user: {"{"}token: "{api.AdminToken}"{"}"}
            """);
    }

    /// <summary>Where the test writes its manifests; commands run with it as their working directory.</summary>
    public string Directory { get; }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public async Task<EoctlResult> RunAsync(params string[] args) => await RunWithInputAsync("", args);

    public async Task<EoctlResult> RunWithInputAsync(string standardInput, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = CliConsole.Captured(output, error, Directory, new Dictionary<string, string>(), standardInput);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var code = await Eoctl.RunAsync([.. args, "--kubeconfig", _kubeconfig], console, timeout.Token);
        return new EoctlResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Starts a command that runs until stopped (get -w): <paramref name="output"/> reads what it has printed so
    /// far; cancelling <paramref name="stop"/> ends it.</summary>
    public Task<int> StartAsync(CancellationToken stop, out Func<string> output, params string[] args)
    {
        var text = new StringWriter { NewLine = "\n" };
        var synchronized = TextWriter.Synchronized(text);
        output = () =>
        {
            lock (synchronized) return text.ToString();
        };
        var console = CliConsole.Captured(synchronized, TextWriter.Null, Directory, new Dictionary<string, string>());
        return Task.Run(() => Eoctl.RunAsync([.. args, "--kubeconfig", _kubeconfig], console, stop));
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
