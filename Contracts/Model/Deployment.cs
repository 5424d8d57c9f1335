using EventOrch.Contracts.Serialization;

namespace EventOrch.Contracts.Model;

/// <summary>apps/v1 Deployment: declares a pod template and a replica count; its controller rolls each template
/// change out through a new ReplicaSet and keeps the older ones, scaled to zero, as revisions.</summary>
public sealed record Deployment : IKubeObject
{
    public string ApiVersion { get; init; } = "apps/v1";
    public string Kind { get; init; } = "Deployment";
    public ObjectMeta Metadata { get; init; } = new();
    public DeploymentSpec Spec { get; init; } = new();
    public DeploymentStatus? Status { get; init; }
}

public sealed record DeploymentSpec
{
    public int? Replicas { get; init; }
    public LabelSelectorSpec? Selector { get; init; }
    public PodTemplateSpec? Template { get; init; }
    [PatchStrategy(PatchStrategies.RetainKeys)]
    public DeploymentStrategy? Strategy { get; init; }
    public int? MinReadySeconds { get; init; }
    public int? RevisionHistoryLimit { get; init; }
    public bool? Paused { get; init; }
    public int? ProgressDeadlineSeconds { get; init; }
}

public sealed record DeploymentStrategy
{
    /// <summary>RollingUpdate (the default) or Recreate.</summary>
    public string? Type { get; init; }
    public RollingUpdateDeployment? RollingUpdate { get; init; }
}

public static class DeploymentStrategyTypes
{
    public const string RollingUpdate = "RollingUpdate";
    public const string Recreate = "Recreate";
}

public sealed record RollingUpdateDeployment
{
    /// <summary>How many pods may be unavailable during the update: a number, or a percentage of the replicas rounded down.</summary>
    public IntOrString? MaxUnavailable { get; init; }
    /// <summary>How many pods may exist above the replicas: a number, or a percentage of the replicas rounded up.</summary>
    public IntOrString? MaxSurge { get; init; }
}

public sealed record DeploymentStatus
{
    public long? ObservedGeneration { get; init; }
    public int? Replicas { get; init; }
    public int? UpdatedReplicas { get; init; }
    public int? ReadyReplicas { get; init; }
    public int? AvailableReplicas { get; init; }
    public int? UnavailableReplicas { get; init; }
    [PatchStrategy(PatchStrategies.Merge, MergeKey = "type")]
    public List<DeploymentCondition>? Conditions { get; init; }
    public int? CollisionCount { get; init; }
}

public sealed record DeploymentCondition
{
    public string Type { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset? LastUpdateTime { get; init; }
    public DateTimeOffset? LastTransitionTime { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
}

/// <summary>The names Kubernetes gives to Deployment conditions, their reasons, and the annotations and label the
/// deployment controller puts on its ReplicaSets.</summary>
public static class DeploymentConventions
{
    public const string Available = "Available";
    public const string Progressing = "Progressing";
    public const string ReplicaFailure = "ReplicaFailure";

    public const string MinimumReplicasAvailable = "MinimumReplicasAvailable";
    public const string MinimumReplicasUnavailable = "MinimumReplicasUnavailable";
    public const string NewReplicaSetCreated = "NewReplicaSetCreated";
    public const string FoundNewReplicaSet = "FoundNewReplicaSet";
    public const string ReplicaSetUpdated = "ReplicaSetUpdated";
    public const string NewReplicaSetAvailable = "NewReplicaSetAvailable";
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";
    public const string DeploymentPaused = "DeploymentPaused";
    public const string DeploymentResumed = "DeploymentResumed";

    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    public const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
    public const string PodTemplateHashLabel = "pod-template-hash";

    /// <summary>Kubernetes' equalIgnoreHash, as the deployment controller and kubectl rollout use it: two pod templates
    /// alike once the pod-template-hash label is left out (a missing template is like none).</summary>
    public static bool SameTemplateIgnoringHash(PodTemplateSpec? a, PodTemplateSpec? b) =>
        a is not null && b is not null && KubeJson.Equal(WithoutHash(a), WithoutHash(b));

    /// <summary>The template without the pod-template-hash label (and without a labels map that only held it).</summary>
    public static PodTemplateSpec WithoutHash(PodTemplateSpec template)
    {
        if (template.Metadata?.Labels is not { } labels || !labels.ContainsKey(PodTemplateHashLabel)) return template;
        var rest = labels.Where(l => l.Key != PodTemplateHashLabel).ToDictionary();
        return template with { Metadata = template.Metadata with { Labels = rest.Count == 0 ? null : rest } };
    }
}
