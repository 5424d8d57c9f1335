using EventOrch.Api.Authentication;
using EventOrch.Contracts.Authentication;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EventOrch.Tests.Unit.Authentication;

public sealed class TokenFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"tokens-{Guid.NewGuid():N}.csv");
    private readonly ManualTime _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private TokenFile Open() => new(Options.Create(new AuthOptions { TokenFile = _path }), _time, NullLogger<TokenFile>.Instance);

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Plain_and_hashed_lines_both_authenticate_and_every_identity_is_in_system_authenticated()
    {
        File.WriteAllLines(_path, ["# comment", "plain-token,admin,admin,\"system:masters\"",
            TokenFileLine.ForHashedToken("hashed-token", "alice", "u-1", ["dev"], null).Text, TokenFileLine.ForUser("bob", "u-2", []).Text]);
        var tokens = Open();

        Assert.Equal(("admin", "admin"), (tokens.Find("plain-token")!.User, tokens.Find("plain-token")!.Uid));
        Assert.Equal(["system:masters", "system:authenticated"], tokens.Find("plain-token")!.Groups);
        Assert.Equal(("alice", "u-1"), (tokens.Find("hashed-token")!.User, tokens.Find("hashed-token")!.Uid));
        Assert.Equal(["dev", "system:authenticated"], tokens.Find("hashed-token")!.Groups);
        Assert.Null(tokens.Find(TokenFileLine.HashPrefix + TokenFileLine.HashOf("hashed-token")));
        Assert.Null(tokens.Find(""));
        Assert.Null(tokens.Find("unknown"));
    }

    [Fact]
    public void A_token_is_refused_once_its_expiry_has_passed()
    {
        File.WriteAllLines(_path, ["t,alice,u-1,\"dev\",2030-01-01T01:00:00Z"]);
        var tokens = Open();
        Assert.NotNull(tokens.Find("t"));
        _time.Now = new DateTimeOffset(2030, 1, 1, 1, 0, 0, TimeSpan.Zero);
        Assert.Null(tokens.Find("t"));
    }

    [Fact]
    public void A_token_taken_out_of_the_file_is_refused_on_the_next_request()
    {
        File.WriteAllLines(_path, ["keep,admin,admin,\"system:masters\"", "revoked,alice,u-1,\"dev\""]);
        var tokens = Open();
        Assert.NotNull(tokens.Find("revoked"));
        File.WriteAllLines(_path, ["keep,admin,admin,\"system:masters\""]);
        Assert.Null(tokens.Find("revoked"));
        Assert.NotNull(tokens.Find("keep"));
    }
}
