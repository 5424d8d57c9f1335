using EventOrch.Cli;
using EventOrch.Cli.Identity;
using EventOrch.Cli.Terminal;
using EventOrch.Contracts.Authentication;

namespace EventOrch.Tests.Unit.Cli;

public sealed class IdentityCommandsTests : IDisposable
{
    private const string EoLines = "# token,user,uid,groups[,expires]  (written by ./eo up)\nadmin-token,admin,admin,\"system:masters\"\n"
        + "agent-token,system:serviceaccount:kube-system:node-agent,node-agent,\"system:serviceaccounts\"\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("eoctl-identity-").FullName;

    private string TokenFile => Path.Combine(_directory, "tokens.csv");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await Eoctl.RunAsync([.. args, "--token-file", TokenFile], CliConsole.Captured(output, error, _directory));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Creating_a_user_and_a_token_adds_lines_and_keeps_comments_and_the_lines_eo_wrote()
    {
        await File.WriteAllTextAsync(TokenFile, EoLines);
        Assert.Equal(0, (await RunAsync("users", "create", "alice", "--group", "dev", "-g", "ops")).Code);
        var (code, token, _) = await RunAsync("tokens", "create", "alice", "--ttl", "2h");
        Assert.Equal(0, code);
        token = token.Trim();

        var lines = await File.ReadAllLinesAsync(TokenFile);
        Assert.Equal(EoLines.TrimEnd('\n').Split('\n'), lines[..3]);
        var user = TokenFileLine.Parse(lines[3]);
        Assert.True(user.IsUser);
        Assert.Equal(["dev", "ops"], user.Groups);
        var issued = TokenFileLine.Parse(lines[4]);
        Assert.Equal(("alice", user.Uid), (issued.User, issued.Uid));
        Assert.Equal(["dev", "ops"], issued.Groups);
        Assert.Equal(TokenFileLine.HashOf(token), issued.TokenHash);
        Assert.DoesNotContain(token, await File.ReadAllTextAsync(TokenFile));
        Assert.InRange(issued.Expires!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(119), TimeSpan.FromMinutes(121));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(TokenFile));
    }

    [Fact]
    public async Task Listing_tokens_shows_ids_users_groups_and_expiry_but_never_a_secret()
    {
        await File.WriteAllTextAsync(TokenFile, EoLines);
        var token = (await RunAsync("tokens", "create", "admin", "--expires", "2099-01-01T00:00:00Z")).Out.Trim();
        var (code, list, _) = await RunAsync("tokens", "list");
        Assert.Equal(0, code);
        Assert.Contains($"{TokenFileLine.HashOf(token)[..12]}   admin", list);
        Assert.Contains("2099-01-01T00:00:00Z", list);
        Assert.Contains("<never>", list);
        Assert.DoesNotContain(token, list);
        Assert.DoesNotContain("admin-token", list);
    }

    [Fact]
    public async Task Revoking_by_id_or_by_user_takes_out_only_those_token_lines()
    {
        await File.WriteAllTextAsync(TokenFile, EoLines);
        await RunAsync("users", "create", "alice");
        var first = (await RunAsync("tokens", "create", "alice")).Out.Trim();
        var second = (await RunAsync("tokens", "create", "alice")).Out.Trim();
        var admin = (await RunAsync("tokens", "create", "admin")).Out.Trim();

        Assert.Equal(0, (await RunAsync("tokens", "revoke", TokenFileLine.HashOf(first)[..12])).Code);
        var hashes = TokenFileDocument.Load(TokenFile).Tokens.Select(t => t.TokenHash).ToList();
        Assert.DoesNotContain(TokenFileLine.HashOf(first), hashes);
        Assert.Contains(TokenFileLine.HashOf(second), hashes);

        Assert.Equal(0, (await RunAsync("tokens", "revoke", "--user", "alice")).Code);
        var document = TokenFileDocument.Load(TokenFile);
        Assert.DoesNotContain(document.Tokens, t => t.User == "alice");
        Assert.NotNull(document.User("alice"));
        Assert.Contains(document.Tokens, t => t.TokenHash == TokenFileLine.HashOf(admin));
        Assert.StartsWith(EoLines, await File.ReadAllTextAsync(TokenFile));
    }

    [Theory]
    [InlineData(new[] { "tokens", "create", "nobody" }, "user \"nobody\" not found")]
    [InlineData(new[] { "tokens", "create", "admin", "--ttl", "0" }, "--ttl must be greater than 0")]
    [InlineData(new[] { "tokens", "create", "admin", "--ttl", "1h", "--expires", "2099-01-01T00:00:00Z" }, "give either --ttl or --expires")]
    [InlineData(new[] { "tokens", "create", "admin", "--expires", "2000-01-01T00:00:00Z" }, "is not in the future")]
    [InlineData(new[] { "tokens", "revoke", "ffffffffffff" }, "token \"ffffffffffff\" not found")]
    [InlineData(new[] { "tokens", "revoke" }, "give the ids of the tokens to revoke, or --user NAME")]
    [InlineData(new[] { "users", "create", "a,b" }, "invalid user name \"a,b\"")]
    [InlineData(new[] { "users", "create", "admin2", "-g", "x\"y" }, "invalid group \"x\"y\"")]
    public async Task A_bad_request_is_refused_with_a_message_and_changes_nothing(string[] args, string message)
    {
        await File.WriteAllTextAsync(TokenFile, EoLines);
        var (code, _, error) = await RunAsync(args);
        Assert.Equal(1, code);
        Assert.Contains(message, error);
        Assert.Equal(EoLines, await File.ReadAllTextAsync(TokenFile));
    }
}
