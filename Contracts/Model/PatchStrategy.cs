namespace EventOrch.Contracts.Model;

/// <summary>How a strategic merge patch treats a field, as Kubernetes' <c>patchStrategy</c> and <c>patchMergeKey</c> struct
/// tags do: a list marked <see cref="PatchStrategies.Merge"/> is merged element by element (lists of objects matched
/// by <see cref="MergeKey"/>, lists of scalars as sets); an unmarked list is replaced whole and an unmarked object is
/// merged. <see cref="PatchStrategies.RetainKeys"/> marks where kubectl may send a <c>$retainKeys</c> directive.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatchStrategyAttribute(string strategy) : Attribute
{
    /// <summary>One or two of <see cref="PatchStrategies"/>, comma-separated ("merge", "merge,retainKeys").</summary>
    public string Strategy { get; } = strategy;

    /// <summary>The JSON field that identifies an element of a merged list of objects.</summary>
    public string? MergeKey { get; init; }
}

/// <summary>The patch strategies of Kubernetes' strategic merge patch.</summary>
public static class PatchStrategies
{
    public const string Merge = "merge";
    public const string Replace = "replace";
    public const string RetainKeys = "retainKeys";
}
