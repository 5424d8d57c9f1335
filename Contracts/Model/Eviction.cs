namespace EventOrch.Contracts.Model;

/// <summary>policy/v1 Eviction (policy/v1beta1 is accepted too): a request to evict a pod (POST
/// .../pods/{name}/eviction), which deletes it gracefully, as <c>kubectl drain</c> does.</summary>
public sealed record Eviction : IKubeObject
{
    public string ApiVersion { get; init; } = "policy/v1";
    public string Kind { get; init; } = "Eviction";
    public ObjectMeta Metadata { get; init; } = new();
    public DeleteOptionsBody? DeleteOptions { get; init; }
}

/// <summary>meta/v1 DeleteOptions as a body carries them (an eviction's).</summary>
public sealed record DeleteOptionsBody
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public long? GracePeriodSeconds { get; init; }
    public Preconditions? Preconditions { get; init; }
    public bool? OrphanDependents { get; init; }
    public string? PropagationPolicy { get; init; }
    public List<string>? DryRun { get; init; }
}

/// <summary>What must still hold of an object for a delete to proceed.</summary>
public sealed record Preconditions
{
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }
}
