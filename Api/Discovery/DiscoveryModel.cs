namespace EventOrch.Api.Discovery;

// The meta/v1 discovery documents (/api, /apis, /api/v1, /apis/{group}/{version}), as client-go reads them.

/// <summary>GET /api: the versions of the core group.</summary>
public sealed record ApiVersions
{
    public string Kind { get; init; } = "APIVersions";
    public List<string> Versions { get; init; } = [];
    public List<ServerAddressByClientCidr> ServerAddressByClientCIDRs { get; init; } = [];
}

public sealed record ServerAddressByClientCidr
{
    public string ClientCIDR { get; init; } = "";
    public string ServerAddress { get; init; } = "";
}

/// <summary>GET /apis: every named group.</summary>
public sealed record ApiGroupList
{
    public string Kind { get; init; } = "APIGroupList";
    public string ApiVersion { get; init; } = "v1";
    public List<ApiGroup> Groups { get; init; } = [];
}

/// <summary>GET /apis/{group}, and an item of <see cref="ApiGroupList"/>.</summary>
public sealed record ApiGroup
{
    public string? Kind { get; init; }
    public string? ApiVersion { get; init; }
    public string Name { get; init; } = "";
    public List<GroupVersionForDiscovery> Versions { get; init; } = [];
    public GroupVersionForDiscovery PreferredVersion { get; init; } = new();
}

public sealed record GroupVersionForDiscovery
{
    public string GroupVersion { get; init; } = "";
    public string Version { get; init; } = "";
}

/// <summary>GET /api/v1 and /apis/{group}/{version}: the resources of one group-version.</summary>
public sealed record ApiResourceList
{
    public string Kind { get; init; } = "APIResourceList";
    public string ApiVersion { get; init; } = "v1";
    public string GroupVersion { get; init; } = "";
    public List<ApiResource> Resources { get; init; } = [];
}

public sealed record ApiResource
{
    public string Name { get; init; } = "";
    public string SingularName { get; init; } = "";
    public bool Namespaced { get; init; }
    /// <summary>Set when the response kind is of another group-version than the list (a scale subresource).</summary>
    public string? Group { get; init; }
    public string? Version { get; init; }
    public string Kind { get; init; } = "";
    public List<string> Verbs { get; init; } = [];
    public List<string>? ShortNames { get; init; }
    public List<string>? Categories { get; init; }
}
