namespace EventOrch.Contracts.Model;

/// <summary>A namespace: the scope of names for namespaced objects.</summary>
public sealed record Namespace : IKubeObject
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "Namespace";
    public ObjectMeta Metadata { get; init; } = new();
    public NamespaceSpec? Spec { get; init; }
    public NamespaceStatus? Status { get; init; }
}

public sealed record NamespaceSpec
{
    public List<string>? Finalizers { get; init; }
}

public sealed record NamespaceStatus
{
    public string? Phase { get; init; }
}

public static class NamespacePhases
{
    public const string Active = "Active";
    public const string Terminating = "Terminating";
}
