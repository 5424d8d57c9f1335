using System.Security.Cryptography;
using System.Text.RegularExpressions;
using EventOrch.Contracts.Model;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Secrets;

/// <summary>Seals and opens bytes with AES-256-GCM under the configured keys: a fresh random nonce for every seal, the
/// key's id beside the ciphertext, and associated data that binds the ciphertext to one object (a sealed value copied
/// to another object does not open).</summary>
public sealed partial class EncryptionKeyRing
{
    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public EncryptionKeyRing(IOptions<EncryptionOptions> options)
    {
        var errors = Parse(options.Value.EncryptionKeys, _keys, out var primary);
        if (errors.Count > 0) throw new OptionsValidationException(EncryptionOptions.Section, typeof(EncryptionOptions), errors);
        PrimaryKeyId = primary;
    }

    /// <summary>The id of the key that seals, or null when none is configured.</summary>
    public string? PrimaryKeyId { get; }

    public bool CanSeal => PrimaryKeyId is not null;

    public SealedData Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var keyId = PrimaryKeyId ?? throw new InvalidOperationException($"no encryption key is configured ({EncryptionOptions.Section}:EncryptionKeys)");
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var sealedBytes = new byte[plaintext.Length + TagBytes];
        using var aes = new AesGcm(_keys[keyId], TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(0, plaintext.Length), sealedBytes.AsSpan(plaintext.Length), associatedData);
        return new SealedData { KeyId = keyId, Nonce = nonce, Ciphertext = sealedBytes };
    }

    /// <summary>The plaintext, or why it cannot be had (an unknown key, or bytes that do not authenticate).</summary>
    public bool TryOpen(SealedData sealedData, ReadOnlySpan<byte> associatedData, out byte[] plaintext, out string? error)
    {
        plaintext = [];
        if (!_keys.TryGetValue(sealedData.KeyId, out var key))
        {
            error = $"it is sealed with encryption key \"{sealedData.KeyId}\", which is not among {EncryptionOptions.Section}:EncryptionKeys";
            return false;
        }
        if (sealedData.Nonce.Length != NonceBytes || sealedData.Ciphertext.Length < TagBytes)
        {
            error = "its sealed form is malformed";
            return false;
        }
        var length = sealedData.Ciphertext.Length - TagBytes;
        var opened = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedData.Nonce, sealedData.Ciphertext.AsSpan(0, length), sealedData.Ciphertext.AsSpan(length), opened, associatedData);
        }
        catch (AuthenticationTagMismatchException)
        {
            error = $"it does not authenticate under encryption key \"{sealedData.KeyId}\"";
            return false;
        }
        plaintext = opened;
        error = null;
        return true;
    }

    /// <summary>Reads "id:base64" entries, skipping blank ones; the messages say what is wrong with each bad one (never the key itself).</summary>
    public static List<string> Parse(IEnumerable<string> entries, Dictionary<string, byte[]> keys, out string? primary)
    {
        primary = null;
        var errors = new List<string>();
        var index = 0;
        foreach (var entry in entries)
        {
            var name = $"{EncryptionOptions.Section}:EncryptionKeys:{index++}";
            // A blank entry is no key (a deployment may leave a slot empty).
            if (string.IsNullOrWhiteSpace(entry)) continue;
            var colon = entry.IndexOf(':');
            if (colon <= 0)
            {
                errors.Add($"{name} must be \"id:base64-key\"");
                continue;
            }
            var id = entry[..colon];
            if (!KeyId().IsMatch(id))
            {
                errors.Add($"{name}: the id must be 1 to 64 characters of [A-Za-z0-9._-]");
                continue;
            }
            byte[] key;
            try
            {
                key = Convert.FromBase64String(entry[(colon + 1)..].Trim());
            }
            catch (FormatException)
            {
                errors.Add($"{name} (\"{id}\"): the key is not base64");
                continue;
            }
            if (key.Length != KeyBytes)
            {
                errors.Add($"{name} (\"{id}\"): the key must be {KeyBytes} bytes (AES-256), not {key.Length}");
                continue;
            }
            if (!keys.TryAdd(id, key))
            {
                errors.Add($"{name}: the id \"{id}\" is used twice");
                continue;
            }
            primary ??= id;
        }
        return errors;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex KeyId();
}
