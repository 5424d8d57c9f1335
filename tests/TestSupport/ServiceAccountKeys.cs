using System.Security.Cryptography;

namespace EventOrch.Tests.Support;

/// <summary>A fresh RSA key for signing ServiceAccount tokens, written as PEM (what <c>./eo up</c> makes with openssl).</summary>
public static class ServiceAccountKeys
{
    public static string WriteNew(string? path = null)
    {
        path ??= Path.Combine(Path.GetTempPath(), $"eo-sa-{Guid.NewGuid():N}.key");
        using var key = RSA.Create(2048);
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        return path;
    }
}
