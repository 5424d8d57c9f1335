using System.CommandLine;
using EventOrch.Cli.Commands;
using EventOrch.Cli.Terminal;

namespace EventOrch.Cli.Identity;

/// <summary>What the users and tokens commands share: the <c>--token-file</c> option, and running a body that edits
/// the file on this machine (no Api call) with kubectl's error output and exit codes.</summary>
public static class TokenFileCommand
{
    public static Option<string?> TokenFileOption() => new("--token-file")
    {
        Description = "The Api's static token file (default: the repository's .eo/tokens.csv)",
        Recursive = true,
    };

    public static async Task<int> RunAsync(CliConsole console, string? flag, Func<TokenFileDocument, Task<int>> body)
    {
        try
        {
            return await body(TokenFileDocument.Load(TokenFileLocator.Locate(flag, console, AppContext.BaseDirectory)));
        }
        catch (CliException ex)
        {
            await CommandRunner.WriteErrorAsync(console, $"error: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await CommandRunner.WriteErrorAsync(console, $"error: the token file: {ex.Message}");
            return 1;
        }
        finally
        {
            await console.Out.FlushAsync(CancellationToken.None);
        }
    }

    /// <summary>A user or group name the file can hold: not empty, and none of the characters its lines are made of.</summary>
    public static string CheckName(string name, string what)
    {
        if (string.IsNullOrWhiteSpace(name) || name != name.Trim() || name.IndexOfAny([',', '"', '\n', '\r', '#']) >= 0)
            throw new CliException($"invalid {what} \"{name}\": it must not be empty, start or end with a space, or hold , \" # or a line break");
        return name;
    }

    public static string Groups(IEnumerable<string> groups) => string.Join(',', groups) is { Length: > 0 } text ? text : "<none>";
}
