namespace EventOrch.Api.Discovery;

// apidiscovery.k8s.io/v2 aggregated discovery: every group-version's resources in one answer to /api or /apis.

/// <summary>The aggregated answer to /api (the core group) or /apis (the named groups).</summary>
public sealed record ApiGroupDiscoveryList
{
    public string Kind { get; init; } = "APIGroupDiscoveryList";
    public string ApiVersion { get; init; } = "apidiscovery.k8s.io/v2";
    public DiscoveryListMeta Metadata { get; init; } = new();
    public List<ApiGroupDiscovery> Items { get; init; } = [];
}

public sealed record DiscoveryListMeta;

public sealed record ApiGroupDiscovery
{
    public DiscoveryObjectMeta Metadata { get; init; } = new();
    public List<ApiVersionDiscovery> Versions { get; init; } = [];
}

/// <summary>Only the name: the group's (empty for the core group).</summary>
public sealed record DiscoveryObjectMeta
{
    public string? Name { get; init; }
}

public sealed record ApiVersionDiscovery
{
    public string Version { get; init; } = "";
    public List<ApiResourceDiscovery> Resources { get; init; } = [];
    public string Freshness { get; init; } = "Current";
}

public sealed record ApiResourceDiscovery
{
    public string Resource { get; init; } = "";
    public GroupVersionKind ResponseKind { get; init; } = new("", "", "");
    /// <summary>Namespaced or Cluster.</summary>
    public string Scope { get; init; } = "";
    public string SingularResource { get; init; } = "";
    public List<string> Verbs { get; init; } = [];
    public List<string>? ShortNames { get; init; }
    public List<string>? Categories { get; init; }
    public List<ApiSubresourceDiscovery>? Subresources { get; init; }
}

public sealed record ApiSubresourceDiscovery
{
    public string Subresource { get; init; } = "";
    public GroupVersionKind ResponseKind { get; init; } = new("", "", "");
    public List<string> Verbs { get; init; } = [];
}
