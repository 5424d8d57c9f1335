using System.Diagnostics;
using System.Text;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.EndToEnd;

/// <summary>The real kubectl on this machine, pointed at the kubeconfig ./eo up wrote, with default flags.</summary>
public static class Kubectl
{
    private static readonly string Kubeconfig = Path.Combine(Services.RepositoryRoot, ".eo", "kubeconfig");

    /// <summary>Runs kubectl to the end (at most <paramref name="seconds"/>), feeding <paramref name="stdin"/> when given.</summary>
    public static Task<KubectlProcess.Result> RunAsync(string arguments, string? stdin = null, int seconds = 120) =>
        KubectlProcess.RunAsync(Arguments(arguments), stdin, seconds);

    /// <summary>Runs kubectl and fails the test unless it succeeds; its standard output.</summary>
    public static async Task<string> Ok(string arguments, string? stdin = null, int seconds = 120) =>
        KubectlProcess.Ok(await RunAsync(arguments, stdin, seconds), [arguments]);

    /// <summary>A long-running kubectl (get -w, logs -f) whose output lines are collected as they come.</summary>
    public static Streaming Stream(string arguments) => new(KubectlProcess.Start(Arguments(arguments), redirectInput: false));

    // One argument each, so a path or value with spaces stays whole (the kubeconfig's path included).
    private static IReadOnlyList<string> Arguments(string arguments) => ["--kubeconfig", Kubeconfig, .. Split(arguments)];

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
