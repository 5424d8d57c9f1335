using System.Text;
using EventOrch.Api.Secrets;
using Microsoft.Extensions.Options;

namespace EventOrch.Tests.Unit.Secrets;

public sealed class EncryptionKeyRingTests
{
    private static readonly string KeyOne = "one:" + Convert.ToBase64String(Enumerable.Repeat((byte)1, 32).ToArray());
    private static readonly string KeyTwo = "two:" + Convert.ToBase64String(Enumerable.Repeat((byte)2, 32).ToArray());
    private static readonly byte[] Binding = Encoding.UTF8.GetBytes("secrets/uid-1");

    private static EncryptionKeyRing Ring(params string[] keys) => new(Options.Create(new EncryptionOptions { EncryptionKeys = [.. keys] }));

    [Fact]
    public void What_is_sealed_opens_again_and_the_ciphertext_is_not_the_plaintext()
    {
        var ring = Ring(KeyOne);
        var plaintext = Encoding.UTF8.GetBytes("hunter2 hunter2 hunter2");

        var sealedData = ring.Seal(plaintext, Binding);

        Assert.Equal("one", sealedData.KeyId);
        Assert.Equal(12, sealedData.Nonce.Length);
        Assert.Equal(plaintext.Length + 16, sealedData.Ciphertext.Length);
        Assert.DoesNotContain("hunter2", Encoding.UTF8.GetString(sealedData.Ciphertext));
        Assert.True(ring.TryOpen(sealedData, Binding, out var opened, out var error), error);
        Assert.Equal(plaintext, opened);
    }

    [Fact]
    public void Every_seal_has_a_fresh_nonce()
    {
        var ring = Ring(KeyOne);

        var first = ring.Seal("same"u8, Binding);
        var second = ring.Seal("same"u8, Binding);

        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
    }

    [Fact]
    public void After_a_rotation_the_new_first_key_seals_and_the_old_one_still_opens()
    {
        var before = Ring(KeyOne).Seal("value"u8, Binding);
        var rotated = Ring(KeyTwo, KeyOne);

        Assert.True(rotated.TryOpen(before, Binding, out var opened, out _));
        Assert.Equal("value"u8.ToArray(), opened);
        Assert.Equal("two", rotated.Seal("value"u8, Binding).KeyId);
    }

    [Fact]
    public void A_seal_whose_key_was_dropped_does_not_open_and_says_which_key()
    {
        var sealedData = Ring(KeyOne).Seal("value"u8, Binding);

        Assert.False(Ring(KeyTwo).TryOpen(sealedData, Binding, out _, out var error));
        Assert.Contains("\"one\"", error);
    }

    [Fact]
    public void A_seal_moved_to_another_object_or_tampered_with_does_not_open()
    {
        var ring = Ring(KeyOne);
        var sealedData = ring.Seal("value"u8, Binding);
        var tampered = sealedData with { Ciphertext = [.. sealedData.Ciphertext[..^1], (byte)(sealedData.Ciphertext[^1] ^ 1)] };

        Assert.False(ring.TryOpen(sealedData, "secrets/uid-2"u8, out _, out var moved));
        Assert.False(ring.TryOpen(tampered, Binding, out _, out _));
        Assert.Contains("does not authenticate", moved);
    }

    [Theory]
    [InlineData("nokey", "must be \"id:base64-key\"")]
    [InlineData("bad id:AAAA", "the id must be")]
    [InlineData("short:AAAA", "must be 32 bytes (AES-256), not 3")]
    [InlineData("x:not-base64!", "the key is not base64")]
    public void A_malformed_key_is_refused_naming_the_entry_but_not_the_key(string entry, string message)
    {
        var errors = EncryptionKeyRing.Parse([entry], new Dictionary<string, byte[]>(), out _);

        Assert.Contains(message, Assert.Single(errors));
        Assert.StartsWith("Secrets:EncryptionKeys:0", errors[0]);
    }

    [Fact]
    public void Blank_entries_are_no_key_and_without_a_key_nothing_can_be_sealed()
    {
        var ring = Ring("", " ");

        Assert.False(ring.CanSeal);
        Assert.Throws<InvalidOperationException>(() => ring.Seal("x"u8, Binding));
    }

    [Fact]
    public void The_same_id_twice_is_refused() =>
        Assert.Contains("used twice", Assert.Single(EncryptionKeyRing.Parse([KeyOne, KeyOne], new Dictionary<string, byte[]>(), out _)));
}
