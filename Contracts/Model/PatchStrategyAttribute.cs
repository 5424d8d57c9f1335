namespace EventOrch.Contracts.Model;

/// <summary>How a strategic merge patch treats a field, as Kubernetes' patchStrategy and patchMergeKey struct tags say:
/// "merge" merges a list's items by <see cref="MergeKey"/> (a list of scalars as a set), "retainKeys" drops the fields
/// a patch leaves out of an object; a list without one is replaced whole. The OpenAPI documents publish it
/// (x-kubernetes-patch-strategy, x-kubernetes-patch-merge-key), which is how kubectl computes its patches.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatchStrategyAttribute(string strategy) : Attribute
{
    public string Strategy { get; } = strategy;

    /// <summary>The field that identifies an item of a merged list of objects.</summary>
    public string? MergeKey { get; init; }
}
