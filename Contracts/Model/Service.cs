namespace EventOrch.Contracts.Model;

/// <summary>v1 Service: a stable name for the pods its selector picks. The ServiceProxy reaches them by Host name
/// on its entry point, and, for a NodePort service, on the node port.</summary>
public sealed record Service : IKubeObject
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "Service";
    public ObjectMeta Metadata { get; init; } = new();
    public ServiceSpec Spec { get; init; } = new();
    public ServiceStatus? Status { get; init; }
}

public sealed record ServiceSpec
{
    /// <summary>ClusterIP (the default) or NodePort.</summary>
    public string? Type { get; init; }
    /// <summary>Pods whose labels include all of these back the service; none means its Endpoints are written by hand.</summary>
    public Dictionary<string, string>? Selector { get; init; }
    [PatchStrategy(PatchStrategies.Merge, MergeKey = "port")]
    public List<ServicePort>? Ports { get; init; }
    /// <summary>"None" makes a headless service; otherwise unset: there are no virtual IPs here, only names.</summary>
    public string? ClusterIP { get; init; }
    /// <summary>None (the default) or ClientIP: a client keeps reaching the same pod.</summary>
    public string? SessionAffinity { get; init; }
    public SessionAffinityConfig? SessionAffinityConfig { get; init; }
}

public sealed record ServicePort
{
    public string? Name { get; init; }
    /// <summary>TCP (the default); the proxy carries HTTP over it.</summary>
    public string? Protocol { get; init; }
    public int Port { get; init; }
    /// <summary>The pods' port: a number, or the name of a container port; defaults to <see cref="Port"/>.</summary>
    public IntOrString? TargetPort { get; init; }
    /// <summary>For a NodePort service: the port every proxy listens on, allocated from 30000-32767 when not given.</summary>
    public int? NodePort { get; init; }
}

public sealed record SessionAffinityConfig
{
    public ClientIPConfig? ClientIP { get; init; }
}

public sealed record ClientIPConfig
{
    /// <summary>How long a client stays with its pod; 10800 (3 hours) by default.</summary>
    public int? TimeoutSeconds { get; init; }
}

public sealed record ServiceStatus
{
    public LoadBalancerStatus? LoadBalancer { get; init; }
}

public sealed record LoadBalancerStatus
{
    public List<LoadBalancerIngress>? Ingress { get; init; }
}

public sealed record LoadBalancerIngress
{
    public string? Ip { get; init; }
    public string? Hostname { get; init; }
}

public static class ServiceTypes
{
    public const string ClusterIP = "ClusterIP";
    public const string NodePort = "NodePort";
}

/// <summary>The node ports the Api hands out, as Kubernetes' default range.</summary>
public static class NodePortRange
{
    public const int First = 30000;
    public const int Last = 32767;
}
