namespace EventOrch.Contracts.Model;

/// <summary>v1 Secret: data for pods that must not be kept in the clear. The Api keeps a Secret's data (and its
/// annotations, where kubectl apply copies the whole object) sealed at rest, and opens it only to serve it.</summary>
public sealed record Secret : IKubeObject
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "Secret";
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>Values by key, base64 in JSON.</summary>
    public Dictionary<string, byte[]>? Data { get; init; }

    /// <summary>Write-only: merged into <see cref="Data"/> on every write (overriding its keys), never stored nor served.</summary>
    public Dictionary<string, string>? StringData { get; init; }

    /// <summary>Opaque by default; the kubernetes.io/ types require keys of their own. Immutable.</summary>
    public string? Type { get; init; }

    public bool? Immutable { get; init; }

    /// <summary>EventOrch, at rest only: the data and annotations, encrypted. Stored objects and events carry this instead
    /// of <see cref="Data"/> and annotations; the Api replaces it with them when it serves the Secret, and a client may not set it.</summary>
    public SealedData? Sealed { get; init; }

    /// <summary>In memory only, never stored nor sent: the key the stored form was sealed with, noted by the Api when it
    /// opens a Secret (an update of a Secret sealed with an older key seals it again with the current one).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? SealedWithKey { get; init; }
}

/// <summary>Bytes encrypted with AES-256-GCM under the key named <see cref="KeyId"/>: a fresh 12-byte nonce each
/// time, and the ciphertext followed by its 16-byte tag. Naming the key lets keys rotate.</summary>
public sealed record SealedData
{
    public string KeyId { get; init; } = "";
    public byte[] Nonce { get; init; } = [];
    public byte[] Ciphertext { get; init; } = [];
}

/// <summary>The Secret types Kubernetes defines, and the data keys they require.</summary>
public static class SecretTypes
{
    public const string Opaque = "Opaque";
    public const string ServiceAccountToken = "kubernetes.io/service-account-token";
    public const string Dockercfg = "kubernetes.io/dockercfg";
    public const string DockerConfigJson = "kubernetes.io/dockerconfigjson";
    public const string BasicAuth = "kubernetes.io/basic-auth";
    public const string SshAuth = "kubernetes.io/ssh-auth";
    public const string Tls = "kubernetes.io/tls";

    public const string ServiceAccountNameAnnotation = "kubernetes.io/service-account.name";
    public const string DockercfgKey = ".dockercfg";
    public const string DockerConfigJsonKey = ".dockerconfigjson";
    public const string BasicAuthUsernameKey = "username";
    public const string BasicAuthPasswordKey = "password";
    public const string SshAuthPrivateKey = "ssh-privatekey";
    public const string TlsCertKey = "tls.crt";
    public const string TlsPrivateKeyKey = "tls.key";
}
