namespace EventOrch.Contracts.Model;

/// <summary>v1 ResourceQuota: the most a namespace may hold of each named resource (object counts, cpu and memory
/// requests and limits, node ports), and how much of it is in use.</summary>
public sealed record ResourceQuota : IKubeObject
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "ResourceQuota";
    public ObjectMeta Metadata { get; init; } = new();
    public ResourceQuotaSpec Spec { get; init; } = new();
    public ResourceQuotaStatus? Status { get; init; }
}

public sealed record ResourceQuotaSpec
{
    /// <summary>The hard limit per resource name (<c>pods</c>, <c>requests.cpu</c>, <c>count/deployments.apps</c>), as quantities.</summary>
    public Dictionary<string, string>? Hard { get; init; }

    /// <summary>Kubernetes' quota scopes; not served here (validation refuses any).</summary>
    public List<string>? Scopes { get; init; }

    /// <summary>Kubernetes' scope selector; not served here (validation refuses one).</summary>
    public System.Text.Json.Nodes.JsonObject? ScopeSelector { get; init; }
}

public sealed record ResourceQuotaStatus
{
    /// <summary>The hard limits being enforced (the spec's, once the Api has taken them in).</summary>
    public Dictionary<string, string>? Hard { get; init; }

    /// <summary>What the namespace uses of each constrained resource.</summary>
    public Dictionary<string, string>? Used { get; init; }
}
