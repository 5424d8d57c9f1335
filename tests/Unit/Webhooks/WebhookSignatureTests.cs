using System.Text;
using EventOrch.Contracts.Webhooks;

namespace EventOrch.Tests.Unit.Webhooks;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("s3cr3t");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"a":1}""");
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    // Computed with: printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 's3cr3t'
    private const string Expected = "8dbbbbf4523b10bbb793e74d854144c45acccc2d233667b1c06b805b6ded8a84";

    [Fact]
    public void The_signature_is_the_hex_hmac_sha256_of_the_timestamp_a_dot_and_the_body() =>
        Assert.Equal($"t=1700000000,v1={Expected}", WebhookSignature.Header(Key, 1_700_000_000, Body));

    [Fact]
    public void An_empty_body_is_signed_as_the_timestamp_and_the_dot_alone() =>
        // printf '%s' '1700000000.' | openssl dgst -sha256 -hmac 'k'
        Assert.Equal("5c2999a43333a6877f49c8003f235c4f6de40f85b1b7414b70bd470a8db53d97", WebhookSignature.Compute("k"u8, 1_700_000_000, []));

    [Fact]
    public void A_fresh_signature_of_the_same_body_under_the_same_key_verifies() =>
        Assert.True(WebhookSignature.Verify(Key, $"t=1700000000,v1={Expected}", Body, At.AddSeconds(30), TimeSpan.FromMinutes(5)));

    [Fact]
    public void Any_of_several_v1_signatures_may_match_as_when_keys_rotate() =>
        Assert.True(WebhookSignature.Verify(Key, $"t=1700000000,v1={new string('0', 64)},v1={Expected}", Body, At, TimeSpan.FromMinutes(5)));

    [Theory]
    [InlineData("t=1700000000,v1=" + Expected, 301, "a timestamp older than the tolerance")]
    [InlineData("t=1700000001,v1=" + Expected, 0, "another timestamp than the one signed")]
    [InlineData("v1=" + Expected, 0, "no timestamp")]
    [InlineData("t=1700000000", 0, "no signature")]
    [InlineData("t=abc,v1=" + Expected, 0, "a timestamp that is no number")]
    [InlineData("", 0, "an empty header")]
    public void A_header_that_does_not_sign_the_body_now_is_refused(string header, int secondsLater, string why) =>
        Assert.False(WebhookSignature.Verify(Key, header, Body, At.AddSeconds(secondsLater), TimeSpan.FromMinutes(5)), why);

    [Fact]
    public void A_changed_body_or_another_key_does_not_verify()
    {
        var header = WebhookSignature.Header(Key, 1_700_000_000, Body);
        Assert.False(WebhookSignature.Verify(Key, header, Encoding.UTF8.GetBytes("""{"a":2}"""), At, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("other"u8, header, Body, At, TimeSpan.FromMinutes(5)));
    }
}
