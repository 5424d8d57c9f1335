namespace EventOrch.Contracts.Model;

/// <summary>networking.k8s.io/v1 Ingress: HTTP routes by host and path to a Service's port, served by the
/// ServiceProxy on its entry point.</summary>
public sealed record Ingress : IKubeObject
{
    public string ApiVersion { get; init; } = "networking.k8s.io/v1";
    public string Kind { get; init; } = "Ingress";
    public ObjectMeta Metadata { get; init; } = new();
    public IngressSpec Spec { get; init; } = new();
    public IngressStatus? Status { get; init; }
}

public sealed record IngressSpec
{
    public string? IngressClassName { get; init; }
    /// <summary>Where a request no rule matches goes.</summary>
    public IngressBackend? DefaultBackend { get; init; }
    public List<IngressRule>? Rules { get; init; }
}

public sealed record IngressRule
{
    /// <summary>A host name, or a wildcard of one label ("*.example.com"); none matches every host.</summary>
    public string? Host { get; init; }
    public HttpIngressRuleValue? Http { get; init; }
}

public sealed record HttpIngressRuleValue
{
    public List<HttpIngressPath> Paths { get; init; } = [];
}

public sealed record HttpIngressPath
{
    public string? Path { get; init; }
    /// <summary>Exact, Prefix (by path segment) or ImplementationSpecific (here: Prefix).</summary>
    public string? PathType { get; init; }
    public IngressBackend Backend { get; init; } = new();
}

public sealed record IngressBackend
{
    public IngressServiceBackend? Service { get; init; }
}

public sealed record IngressServiceBackend
{
    public string Name { get; init; } = "";
    public ServiceBackendPort Port { get; init; } = new();
}

public sealed record ServiceBackendPort
{
    public string? Name { get; init; }
    public int? Number { get; init; }
}

public sealed record IngressStatus
{
    public LoadBalancerStatus? LoadBalancer { get; init; }
}

public static class PathTypes
{
    public const string Exact = "Exact";
    public const string Prefix = "Prefix";
    public const string ImplementationSpecific = "ImplementationSpecific";
}
