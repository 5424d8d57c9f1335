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
    public List<NamespaceCondition>? Conditions { get; init; }
}

/// <summary>How far the deletion of a Terminating namespace has got, as the namespace controller reports it.</summary>
public sealed record NamespaceCondition
{
    public string Type { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset? LastTransitionTime { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
}

/// <summary>The namespace conditions and reasons Kubernetes' namespace controller reports.</summary>
public static class NamespaceConditions
{
    public const string ContentRemaining = "NamespaceContentRemaining";
    public const string DeletionContentFailure = "NamespaceDeletionContentFailure";
    public const string DeletionDiscoveryFailure = "NamespaceDeletionDiscoveryFailure";
    public const string FinalizersRemaining = "NamespaceFinalizersRemaining";

    public const string ContentDeleted = "ContentDeleted";
    public const string ContentRemoved = "ContentRemoved";
    public const string SomeResourcesRemain = "SomeResourcesRemain";
    public const string ContentDeletionFailed = "ContentDeletionFailed";
    public const string DiscoveryFailed = "DiscoveryFailed";
    public const string ContentHasNoFinalizers = "ContentHasNoFinalizers";
    public const string SomeFinalizersRemain = "SomeFinalizersRemain";
    public const string ResourcesDiscovered = "ResourcesDiscovered";
}

/// <summary>The finalizer in <c>spec.finalizers</c> that holds a namespace until the namespace controller has
/// deleted everything in it.</summary>
public static class NamespaceFinalizers
{
    public const string Kubernetes = "kubernetes";
}

public static class NamespacePhases
{
    public const string Active = "Active";
    public const string Terminating = "Terminating";
}
