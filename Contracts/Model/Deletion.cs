namespace EventOrch.Contracts.Model;

/// <summary>DeleteOptions.propagationPolicy: what becomes of an object's dependents when it is deleted.</summary>
public static class PropagationPolicies
{
    /// <summary>The owner goes at once; the garbage collector deletes its dependents afterwards (the default).</summary>
    public const string Background = "Background";

    /// <summary>The owner stays, with the foregroundDeletion finalizer, until its dependents are deleted.</summary>
    public const string Foreground = "Foreground";

    /// <summary>The owner stays, with the orphan finalizer, until its dependents no longer name it; they live on.</summary>
    public const string Orphan = "Orphan";

    public static readonly IReadOnlyList<string> All = [Background, Foreground, Orphan];
}

/// <summary>The finalizers through which the garbage collector finishes a delete (Kubernetes' metav1
/// FinalizerOrphanDependents and FinalizerDeleteDependents).</summary>
public static class GarbageCollectionFinalizers
{
    public const string Orphan = "orphan";
    public const string ForegroundDeletion = "foregroundDeletion";
}
