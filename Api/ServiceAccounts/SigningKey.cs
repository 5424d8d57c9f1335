using System.Security.Cryptography;
using EventOrch.Api.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace EventOrch.Api.ServiceAccounts;

/// <summary>The RSA key of <see cref="AuthOptions.ServiceAccountKeyFile"/> (PEM, PKCS#1 or PKCS#8), read once; its key id
/// is, as Kubernetes makes it, the base64url SHA-256 of the public key's DER.</summary>
public sealed class SigningKey(IOptions<AuthOptions> options)
{
    private readonly Lazy<RsaSecurityKey?> _key = new(() => Load(options.Value.ServiceAccountKeyFile));

    /// <summary>The key, or null when none is configured.</summary>
    public RsaSecurityKey? Key => _key.Value;

    private static RsaSecurityKey? Load(string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException or IOException)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"Auth:ServiceAccountKeyFile {path} holds no RSA private key in PEM: {ex.Message}", ex);
        }
        var kid = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()));
        return new RsaSecurityKey(rsa) { KeyId = kid };
    }
}
