namespace EventOrch.Contracts.Model;

/// <summary>authentication.k8s.io/v1 TokenRequest: asks the token subresource of a ServiceAccount for a signed token,
/// optionally bound to a pod (the token then dies with the pod).</summary>
public sealed record TokenRequest : IKubeObject
{
    public string ApiVersion { get; init; } = "authentication.k8s.io/v1";
    public string Kind { get; init; } = "TokenRequest";
    public ObjectMeta Metadata { get; init; } = new();
    public TokenRequestSpec Spec { get; init; } = new();
    public TokenRequestStatus? Status { get; init; }
}

public sealed record TokenRequestSpec
{
    /// <summary>Who the token is for; the Api's own audiences when empty.</summary>
    public List<string>? Audiences { get; init; }

    /// <summary>The token's life in seconds: 3600 by default, at least 600.</summary>
    public long? ExpirationSeconds { get; init; }

    /// <summary>The object the token is bound to (a Pod here): it is refused once that object is gone.</summary>
    public BoundObjectReference? BoundObjectRef { get; init; }
}

public sealed record BoundObjectReference
{
    public string? Kind { get; init; }
    public string? ApiVersion { get; init; }
    public string? Name { get; init; }
    public string? Uid { get; init; }
}

public sealed record TokenRequestStatus
{
    public string Token { get; init; } = "";
    public DateTimeOffset ExpirationTimestamp { get; init; }
}
