using System.Diagnostics;
using System.Text;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.EndToEnd;

/// <summary>The real kubectl on this machine, pointed at the kubeconfig ./eo up wrote, with default flags.</summary>
public static class Kubectl
{
    private static readonly string Kubeconfig = Path.Combine(Services.RepositoryRoot, ".eo", "kubeconfig");

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
    }

    /// <summary>Runs kubectl to the end (at most <paramref name="seconds"/>), feeding <paramref name="stdin"/> when given.</summary>
    public static async Task<Result> RunAsync(string arguments, string? stdin = null, int seconds = 120)
    {
        using var process = Start(arguments, stdin is not null);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {arguments} did not finish within {seconds}s: {await output}{await error}");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Runs kubectl and fails the test unless it succeeds; its standard output.</summary>
    public static async Task<string> Ok(string arguments, string? stdin = null, int seconds = 120)
    {
        var result = await RunAsync(arguments, stdin, seconds);
        Assert.True(result.ExitCode == 0, $"kubectl {arguments} failed: {result}");
        return result.Output;
    }

    /// <summary>A long-running kubectl (get -w, logs -f) whose output lines are collected as they come.</summary>
    public static Streaming Stream(string arguments) => new(Start(arguments, false));

    private static Process Start(string arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            StandardOutputEncoding = Encoding.UTF8,
        };
        // One argument each, so a path or value with spaces stays whole (the kubeconfig's path included).
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(Kubeconfig);
        foreach (var argument in Split(arguments)) start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    /// <summary>A test's argument string split as a shell splits it: on white space, with '...' or "..." keeping
    /// what is between the quotes as one argument (without them).</summary>
    private static IReadOnlyList<string> Split(string arguments)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        var inArgument = false;
        char? quote = null;
        foreach (var c in arguments)
        {
            if (quote is not null)
            {
                if (c == quote) quote = null;
                else current.Append(c);
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inArgument = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inArgument) result.Add(current.ToString());
                current.Clear();
                inArgument = false;
            }
            else
            {
                current.Append(c);
                inArgument = true;
            }
        }
        if (quote is not null) throw new ArgumentException($"an unclosed {quote} in kubectl arguments: {arguments}", nameof(arguments));
        if (inArgument) result.Add(current.ToString());
        return result;
    }

    public sealed class Streaming : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];
        private readonly StringBuilder _error = new();

        public Streaming(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_error) _error.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public IReadOnlyList<string> Lines
        {
            get { lock (_lines) return [.. _lines]; }
        }

        /// <summary>Waits until the lines so far satisfy <paramref name="done"/>.</summary>
        public async Task<IReadOnlyList<string>> WaitFor(Func<IReadOnlyList<string>, bool> done, string what, int seconds = 90)
        {
            var lines = await Eventually.WaitFor(() => Task.FromResult(Lines), l => done(l) || _process.HasExited, what, TimeSpan.FromSeconds(seconds));
            if (!done(lines)) lines = Lines;
            Assert.True(done(lines), $"kubectl ended before {what}: {string.Join('\n', lines)}\n{_error}");
            return lines;
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }
}
