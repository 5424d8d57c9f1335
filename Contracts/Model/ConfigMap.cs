namespace EventOrch.Contracts.Model;

/// <summary>v1 ConfigMap: configuration for pods to consume as environment variables or files.</summary>
public sealed record ConfigMap : IKubeObject
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "ConfigMap";
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>UTF-8 values by key.</summary>
    public Dictionary<string, string>? Data { get; init; }

    /// <summary>Values that need not be UTF-8, base64 in JSON; no key may be in both maps.</summary>
    public Dictionary<string, byte[]>? BinaryData { get; init; }

    /// <summary>Once true, data and binaryData can no longer change, and immutable cannot go back.</summary>
    public bool? Immutable { get; init; }
}
