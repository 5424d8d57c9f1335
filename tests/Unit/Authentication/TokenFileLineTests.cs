using EventOrch.Contracts.Authentication;

namespace EventOrch.Tests.Unit.Authentication;

public sealed class TokenFileLineTests
{
    [Fact]
    public void A_kubernetes_line_reads_token_user_uid_and_quoted_groups_and_never_expires()
    {
        var line = TokenFileLine.Parse("s3cret,alice,u-1,\"dev,ops\"");
        Assert.True(line.IsToken);
        Assert.False(line.IsHashed);
        Assert.Equal(("alice", "u-1"), (line.User, line.Uid));
        Assert.Equal(["dev", "ops"], line.Groups);
        Assert.Null(line.Expires);
        Assert.Equal(TokenFileLine.HashOf("s3cret"), line.TokenHash);
        Assert.False(line.IsExpired(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void A_fifth_field_is_the_expiry_and_the_token_has_expired_from_that_instant_on()
    {
        var line = TokenFileLine.Parse("s3cret,alice,u-1,\"dev\",2030-01-01T00:00:00Z");
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), line.Expires);
        Assert.False(line.IsExpired(new DateTimeOffset(2029, 12, 31, 23, 59, 59, TimeSpan.Zero)));
        Assert.True(line.IsExpired(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_hashed_line_accepts_the_token_whose_hash_it_holds_and_its_id_is_the_hash_prefix()
    {
        var line = TokenFileLine.ForHashedToken("s3cret", "alice", "u-1", ["dev"], null);
        Assert.StartsWith("sha256:", line.Text);
        Assert.DoesNotContain("s3cret", line.Text);
        Assert.True(line.IsHashed);
        Assert.Equal(TokenFileLine.HashOf("s3cret"), line.TokenHash);
        Assert.Equal(TokenFileLine.HashOf("s3cret")[..12], line.Id);
    }

    [Fact]
    public void A_line_with_no_token_records_a_user_and_authenticates_nobody()
    {
        var line = TokenFileLine.ForUser("alice", "u-1", ["dev", "ops"]);
        Assert.Equal(",alice,u-1,\"dev,ops\"", line.Text);
        Assert.True(line.IsUser);
        Assert.False(line.IsToken);
        Assert.Null(line.TokenHash);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# token,user,uid,groups")]
    public void Comments_and_blank_lines_are_kept_as_they_are(string text)
    {
        Assert.True(TokenFileLine.TryParse(text, out var line, out var error));
        Assert.Null(error);
        Assert.True(line.IsInert);
        Assert.Equal(text, line.Text);
    }

    [Theory]
    [InlineData("s3cret,alice,u-1,\"dev\",next tuesday", "expiry \"next tuesday\" is not an RFC 3339 time")]
    [InlineData("sha256:abc,alice", "a sha256: token field needs 64 hex digits")]
    [InlineData("lonely", "a line needs at least a token and a user")]
    public void A_malformed_line_is_refused_with_its_reason_and_read_as_inert(string text, string reason)
    {
        Assert.False(TokenFileLine.TryParse(text, out _, out var error));
        Assert.Equal(reason, error);
        Assert.True(TokenFileLine.Parse(text).IsInert);
    }
}
