using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Output;
using EventOrch.Cli.Terminal;

namespace EventOrch.Cli.Commands;

/// <summary>Runs a command's body in a session and turns what went wrong into kubectl's messages and exit codes:
/// 0 done, 1 failed, 130 interrupted.</summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(CliConsole console, GlobalOptions.Values options, Func<Session, Task<int>> body,
        CancellationToken cancellationToken)
    {
        Session? session = null;
        try
        {
            session = Session.Open(console, options);
            return await body(session);
        }
        catch (CliException ex)
        {
            await WriteErrorAsync(console, $"error: {ex.Message}");
            return 1;
        }
        catch (ApiException ex)
        {
            await WriteErrorAsync(console, ErrorMessages.FromStatus(ex.Status));
            return 1;
        }
        catch (HttpRequestException ex) when (session is not null)
        {
            await WriteErrorAsync(console, ErrorMessages.FromTransport(ex, session.Settings.Server));
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 130;
        }
        finally
        {
            session?.Dispose();
            await console.Out.FlushAsync(CancellationToken.None);
        }
    }

    public static async Task WriteErrorAsync(CliConsole console, string message)
    {
        await console.Out.FlushAsync(CancellationToken.None);
        await console.Error.WriteLineAsync(console.ErrorColors.Bad(message));
        await console.Error.FlushAsync(CancellationToken.None);
    }
}
