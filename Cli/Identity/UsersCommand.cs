using System.CommandLine;
using EventOrch.Cli.Output;
using EventOrch.Cli.Terminal;
using EventOrch.Contracts.Authentication;

namespace EventOrch.Cli.Identity;

/// <summary><c>eoctl users create|list|delete</c>: the users of the Api's static token file, edited on this machine.</summary>
public static class UsersCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var tokenFile = TokenFileCommand.TokenFileOption();
        var command = new Command("users", "Manage the users of the Api's token file (on this machine)") { CreateUser(console, tokenFile), ListUsers(console, time, tokenFile), DeleteUser(console, tokenFile) };
        command.Options.Add(tokenFile);
        return command;
    }

    private static Command CreateUser(CliConsole console, Option<string?> tokenFile)
    {
        var name = new Argument<string>("name") { Description = "The user's name, as requests are authenticated" };
        var groups = new Option<string[]>("--group", "-g") { Description = "A group of the user (repeat for several)", AllowMultipleArgumentsPerToken = false };
        var command = new Command("create", "Record a user and its groups; tokens are then issued with eoctl tokens create") { name, groups };
        command.SetAction((result, _) => TokenFileCommand.RunAsync(console, result.GetValue(tokenFile), async file =>
        {
            var user = TokenFileCommand.CheckName(result.GetValue(name)!, "user name");
            var userGroups = (result.GetValue(groups) ?? []).Select(g => TokenFileCommand.CheckName(g, "group")).Distinct(StringComparer.Ordinal).ToList();
            if (file.User(user) is not null) throw new CliException($"user \"{user}\" already exists in {file.Path}");
            file.Add(TokenFileLine.ForUser(user, Guid.NewGuid().ToString(), userGroups));
            file.Save();
            await console.Out.WriteLineAsync($"user/{user} created");
            return 0;
        }));
        return command;
    }

    private static Command ListUsers(CliConsole console, TimeProvider time, Option<string?> tokenFile)
    {
        var command = new Command("list", "List the users: those recorded with eoctl users create and those only tokens name");
        command.SetAction((result, _) => TokenFileCommand.RunAsync(console, result.GetValue(tokenFile), async file =>
        {
            var now = time.GetUtcNow();
            var names = file.Users.Select(u => u.User!).Concat(file.Tokens.Select(t => t.User!)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            List<IReadOnlyList<string>> rows = [["NAME", "UID", "GROUPS", "TOKENS"]];
            foreach (var name in names)
            {
                var record = file.User(name) ?? file.Tokens.Last(t => t.User == name);
                var live = file.Tokens.Count(t => t.User == name && !t.IsExpired(now));
                rows.Add([name, record.Uid!, TokenFileCommand.Groups(record.Groups), live.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
            if (rows.Count == 1)
            {
                await console.Error.WriteLineAsync($"No users in {file.Path}.");
                return 0;
            }
            var widths = TextTable.Widths(rows);
            foreach (var row in rows) await console.Out.WriteLineAsync(TextTable.Line(row, widths));
            return 0;
        }));
        return command;
    }

    private static Command DeleteUser(CliConsole console, Option<string?> tokenFile)
    {
        var name = new Argument<string>("name") { Description = "The user to delete, with every token it has" };
        var command = new Command("delete", "Delete a user and revoke all its tokens") { name };
        command.SetAction((result, _) => TokenFileCommand.RunAsync(console, result.GetValue(tokenFile), async file =>
        {
            var user = result.GetValue(name)!;
            var tokens = file.Remove(l => l.IsToken && l.User == user);
            var records = file.Remove(l => l.IsUser && l.User == user);
            if (tokens + records == 0) throw new CliException($"user \"{user}\" not found in {file.Path}");
            file.Save();
            await console.Out.WriteLineAsync($"user/{user} deleted ({tokens} token(s) revoked)");
            return 0;
        }));
        return command;
    }
}
