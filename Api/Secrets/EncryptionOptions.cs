namespace EventOrch.Api.Secrets;

/// <summary>The keys that seal Secrets at rest (configuration section "Secrets").</summary>
public sealed class EncryptionOptions
{
    public const string Section = "Secrets";

    /// <summary>"id:base64" entries, each a 256-bit AES key under a name of its own. The first seals every write; all of
    /// them open what is stored, so a new key goes first and an old one stays until nothing is sealed with it any more. Blank entries are skipped.
    /// Without any key the Api stores no Secret.</summary>
    public List<string> EncryptionKeys { get; set; } = [];
}

/// <summary>Stops the host at start when an encryption key is malformed, naming the entry (never the key).</summary>
public sealed class EncryptionOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<EncryptionOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, EncryptionOptions options)
    {
        var errors = EncryptionKeyRing.Parse(options.EncryptionKeys, new Dictionary<string, byte[]>(StringComparer.Ordinal), out _);
        return errors.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(errors);
    }
}
