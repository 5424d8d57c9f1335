using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using EventOrch.Cli.Commands;
using EventOrch.Cli.Output;
using EventOrch.Cli.Terminal;
using EventOrch.Contracts.Authentication;

namespace EventOrch.Cli.Identity;

/// <summary><c>eoctl tokens create|list|revoke</c>: bearer tokens of the Api's static token file, edited on this machine.
/// A new token is printed once and stored only as its sha256 hash; a token is shown and revoked by its id (the first 12
/// hex digits of that hash).</summary>
public static class TokensCommand
{
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(24);

    public static Command Create(CliConsole console, TimeProvider time)
    {
        var tokenFile = TokenFileCommand.TokenFileOption();
        var command = new Command("tokens", "Issue, list and revoke the bearer tokens of the Api's token file (on this machine)")
        {
            CreateToken(console, time, tokenFile), ListTokens(console, time, tokenFile), RevokeTokens(console, tokenFile),
        };
        command.Options.Add(tokenFile);
        return command;
    }

    private static Command CreateToken(CliConsole console, TimeProvider time, Option<string?> tokenFile)
    {
        var user = new Argument<string>("user") { Description = "The user the token authenticates as" };
        var ttl = new Option<string?>("--ttl") { Description = "How long the token is valid (Go duration: 30m, 24h, 720h; default 24h)" };
        var expires = new Option<string?>("--expires") { Description = "When the token expires (RFC 3339, e.g. 2030-01-01T00:00:00Z)" };
        var command = new Command("create", "Issue a token for a user and print it (once: the file keeps only its hash)") { user, ttl, expires };
        command.SetAction((result, _) => TokenFileCommand.RunAsync(console, result.GetValue(tokenFile), async file =>
        {
            var now = time.GetUtcNow();
            var expiry = Expiry(result.GetValue(ttl), result.GetValue(expires), now);
            var name = result.GetValue(user)!;
            var record = file.User(name) ?? file.Tokens.LastOrDefault(t => t.User == name)
                ?? throw new CliException($"user \"{name}\" not found in {file.Path}: create it with eoctl users create {name}");
            var token = NewToken();
            var line = TokenFileLine.ForHashedToken(token, name, record.Uid!, record.Groups, expiry);
            file.Add(line);
            file.Save();
            await console.Error.WriteLineAsync($"token {line.Id} for user/{name} expires {Rfc3339(expiry)}; it is shown only now:");
            await console.Out.WriteLineAsync(token);
            return 0;
        }));
        return command;
    }

    private static Command ListTokens(CliConsole console, TimeProvider time, Option<string?> tokenFile)
    {
        var user = new Option<string?>("--user") { Description = "Only the tokens of this user" };
        var command = new Command("list", "List the tokens (their ids, never the secrets), users, groups and expiry") { user };
        command.SetAction((result, _) => TokenFileCommand.RunAsync(console, result.GetValue(tokenFile), async file =>
        {
            var now = time.GetUtcNow();
            var only = result.GetValue(user);
            List<IReadOnlyList<string>> rows = [["ID", "USER", "GROUPS", "EXPIRES", "STORED"]];
            foreach (var token in file.Tokens.Where(t => only is null || t.User == only))
            {
                var expiry = token.Expires is { } at ? Rfc3339(at) + (token.IsExpired(now) ? " (expired)" : "") : "<never>";
                rows.Add([token.Id!, token.User!, TokenFileCommand.Groups(token.Groups), expiry, token.IsHashed ? "sha256" : "plain"]);
            }
            if (rows.Count == 1)
            {
                await console.Error.WriteLineAsync($"No tokens in {file.Path}{(only is null ? "" : $" for user {only}")}.");
                return 0;
            }
            var widths = TextTable.Widths(rows);
            foreach (var row in rows) await console.Out.WriteLineAsync(TextTable.Line(row, widths));
            return 0;
        }));
        return command;
    }

    private static Command RevokeTokens(CliConsole console, Option<string?> tokenFile)
    {
        var ids = new Argument<string[]>("id") { Description = "Token ids (as tokens list shows them, or any longer prefix of the hash)", Arity = ArgumentArity.ZeroOrMore };
        var user = new Option<string?>("--user") { Description = "Revoke every token of this user" };
        var command = new Command("revoke", "Revoke tokens by id, or every token of a user; the Api refuses them from the next request") { ids, user };
        command.SetAction((result, _) => TokenFileCommand.RunAsync(console, result.GetValue(tokenFile), async file =>
        {
            var wanted = result.GetValue(ids) ?? [];
            var owner = result.GetValue(user);
            if (wanted.Length == 0 && owner is null) throw new CliException("give the ids of the tokens to revoke, or --user NAME");
            if (wanted.Length > 0 && owner is not null) throw new CliException("give either token ids or --user, not both");
            var messages = new List<string>();
            if (owner is not null)
            {
                var gone = file.Remove(l => l.IsToken && l.User == owner);
                if (gone == 0) throw new CliException($"user \"{owner}\" has no tokens in {file.Path}");
                messages.Add($"{gone} token(s) of user/{owner} revoked");
            }
            foreach (var id in wanted)
            {
                var prefix = id.ToLowerInvariant();
                if (prefix.Length < 6 || !prefix.All(Uri.IsHexDigit)) throw new CliException($"invalid token id \"{id}\": give at least 6 hex digits");
                var matching = file.Tokens.Where(t => t.TokenHash!.StartsWith(prefix, StringComparison.Ordinal)).ToList();
                if (matching.Count == 0) throw new CliException($"token \"{id}\" not found in {file.Path}");
                if (matching.Select(m => m.TokenHash).Distinct().Count() > 1) throw new CliException($"token id \"{id}\" names several tokens: give more digits");
                file.Remove(l => l.IsToken && l.TokenHash == matching[0].TokenHash);
                messages.Add($"token {id} of user/{matching[0].User} revoked");
            }
            file.Save();
            foreach (var message in messages) await console.Out.WriteLineAsync(message);
            return 0;
        }));
        return command;
    }

    /// <summary>The expiry of a new token: --expires, else now + --ttl (24 h when neither is given).</summary>
    public static DateTimeOffset Expiry(string? ttl, string? expires, DateTimeOffset now)
    {
        if (ttl is not null && expires is not null) throw new CliException("give either --ttl or --expires, not both");
        if (expires is not null)
        {
            if (!DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                throw new CliException($"invalid argument \"{expires}\" for \"--expires\" flag: not an RFC 3339 time");
            if (at <= now) throw new CliException($"--expires {expires} is not in the future");
            return at.ToUniversalTime();
        }
        var span = ttl is null ? DefaultTtl : Durations.Parse(ttl, "--ttl");
        if (span <= TimeSpan.Zero) throw new CliException("--ttl must be greater than 0");
        return now + span;
    }

    // 32 random bytes, base64url: 43 characters with no comma, quote or dot (a bearer token with two dots is read as a JWT).
    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Rfc3339(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
