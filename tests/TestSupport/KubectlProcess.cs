using System.Diagnostics;
using System.Text;
using Xunit;

namespace EventOrch.Tests.Support;

/// <summary>The real kubectl on this machine, run with each argument whole (the kubeconfig and cache flags first, from
/// the caller).</summary>
public static class KubectlProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
    }

    public static Process Start(IEnumerable<string> arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    /// <summary>Runs kubectl to the end (killed after <paramref name="seconds"/>), feeding <paramref name="stdin"/> when given.</summary>
    public static async Task<Result> RunAsync(IReadOnlyList<string> arguments, string? stdin, int seconds)
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
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish within {seconds}s: {await output}{await error}");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Fails the test unless kubectl succeeded; its standard output.</summary>
    public static string Ok(Result result, IEnumerable<string> arguments)
    {
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', arguments)} failed: {result}");
        return result.Output;
    }
}
