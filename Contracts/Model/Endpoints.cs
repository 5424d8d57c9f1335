namespace EventOrch.Contracts.Model;

/// <summary>v1 Endpoints: where a Service's pods can be reached, kept by the endpoints controller (or by hand for a
/// service without a selector). Here an address is the pod's node address, and each subset carries the host ports
/// the node agent published for the service's target ports.</summary>
public sealed record Endpoints : IKubeObject
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "Endpoints";
    public ObjectMeta Metadata { get; init; } = new();
    public List<EndpointSubset>? Subsets { get; init; }
}

public sealed record EndpointSubset
{
    /// <summary>Ready pods: they receive traffic.</summary>
    public List<EndpointAddress>? Addresses { get; init; }
    /// <summary>Pods that are not (or no longer) ready: they receive none.</summary>
    public List<EndpointAddress>? NotReadyAddresses { get; init; }
    public List<EndpointPort>? Ports { get; init; }
}

public sealed record EndpointAddress
{
    public string Ip { get; init; } = "";
    public string? Hostname { get; init; }
    public string? NodeName { get; init; }
    public ObjectReference? TargetRef { get; init; }
}

public sealed record EndpointPort
{
    /// <summary>The service port's name (empty for a service with one unnamed port).</summary>
    public string? Name { get; init; }
    public int Port { get; init; }
    public string? Protocol { get; init; }
}
