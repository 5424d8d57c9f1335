using EventOrch.Contracts.Selectors;

namespace EventOrch.Contracts.Model;

/// <summary>apps/v1 ReplicaSet: keeps <c>spec.replicas</c> pods matching <c>spec.selector</c> running, made from
/// <c>spec.template</c>.</summary>
public sealed record ReplicaSet : IKubeObject
{
    public string ApiVersion { get; init; } = "apps/v1";
    public string Kind { get; init; } = "ReplicaSet";
    public ObjectMeta Metadata { get; init; } = new();
    public ReplicaSetSpec Spec { get; init; } = new();
    public ReplicaSetStatus? Status { get; init; }
}

public sealed record ReplicaSetSpec
{
    public int? Replicas { get; init; }
    public int? MinReadySeconds { get; init; }
    public LabelSelectorSpec? Selector { get; init; }
    public PodTemplateSpec? Template { get; init; }
}

/// <summary>A pod as a template: the metadata and spec each replica starts from.</summary>
public sealed record PodTemplateSpec
{
    public ObjectMeta? Metadata { get; init; }
    public PodSpec Spec { get; init; } = new();
}

/// <summary>metav1.LabelSelector, the structured selector of workloads: every matchLabels pair and every
/// expression must hold.</summary>
public sealed record LabelSelectorSpec
{
    public Dictionary<string, string>? MatchLabels { get; init; }
    public List<LabelSelectorRequirement>? MatchExpressions { get; init; }

    /// <summary>The selector this describes; false with the reason when an expression is malformed.</summary>
    public bool TryToSelector(out LabelSelector selector, out string? error) =>
        LabelSelector.TryFromMatch(MatchLabels, MatchExpressions?.Select(e => (e.Key, e.Operator, (IReadOnlyList<string>)(e.Values ?? []))),
            out selector, out error);

    /// <summary>The selector <paramref name="spec"/> describes; Everything when there is none or it is malformed (which
    /// controllers read as "manage nothing").</summary>
    public static LabelSelector SelectorOf(LabelSelectorSpec? spec) =>
        spec is not null && spec.TryToSelector(out var selector, out _) ? selector : LabelSelector.Everything;
}

public sealed record LabelSelectorRequirement
{
    public string Key { get; init; } = "";
    /// <summary>In, NotIn, Exists or DoesNotExist.</summary>
    public string Operator { get; init; } = "";
    public List<string>? Values { get; init; }
}

public sealed record ReplicaSetStatus
{
    public int Replicas { get; init; }
    public int? FullyLabeledReplicas { get; init; }
    public int? ReadyReplicas { get; init; }
    public int? AvailableReplicas { get; init; }
    public long? ObservedGeneration { get; init; }
    [PatchStrategy(PatchStrategies.Merge, MergeKey = "type")]
    public List<ReplicaSetCondition>? Conditions { get; init; }
}

public sealed record ReplicaSetCondition
{
    public string Type { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset? LastTransitionTime { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
}
