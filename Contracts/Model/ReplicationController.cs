namespace EventOrch.Contracts.Model;

/// <summary>v1 ReplicationController: the ReplicaSet's predecessor, with an equality-only selector (a map of
/// labels). Its status has the ReplicaSet's fields.</summary>
public sealed record ReplicationController : IKubeObject
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "ReplicationController";
    public ObjectMeta Metadata { get; init; } = new();
    public ReplicationControllerSpec Spec { get; init; } = new();
    public ReplicaSetStatus? Status { get; init; }
}

public sealed record ReplicationControllerSpec
{
    public int? Replicas { get; init; }
    public int? MinReadySeconds { get; init; }
    /// <summary>Every pair must be among a pod's labels; defaults to the template's labels.</summary>
    public Dictionary<string, string>? Selector { get; init; }
    public PodTemplateSpec? Template { get; init; }
}
