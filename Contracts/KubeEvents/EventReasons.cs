namespace EventOrch.Contracts.KubeEvents;

/// <summary>The reasons EventOrch's Events carry, with Kubernetes' names (pkg/kubelet/events, pkg/controller/*).</summary>
public static class EventReasons
{
    // Scheduler
    public const string Scheduled = "Scheduled";
    public const string FailedScheduling = "FailedScheduling";

    // Kubelet (the node agent): containers and images
    public const string Created = "Created";
    public const string Started = "Started";
    public const string Killing = "Killing";
    public const string BackOff = "BackOff";
    public const string Failed = "Failed";
    public const string Unhealthy = "Unhealthy";
    public const string ErrImageNeverPull = "ErrImageNeverPull";
    public const string FailedCreatePodSandBox = "FailedCreatePodSandBox";

    // Kubelet: its node
    public const string Starting = "Starting";
    public const string NodeReady = "NodeReady";
    public const string NodeNotReady = "NodeNotReady";
    public const string NodeSchedulable = "NodeSchedulable";
    public const string NodeNotSchedulable = "NodeNotSchedulable";

    // Node lifecycle and taint eviction
    public const string RegisteredNode = "RegisteredNode";
    public const string RemovingNode = "RemovingNode";
    public const string TaintManagerEviction = "TaintManagerEviction";

    // Workload controllers
    public const string SuccessfulCreate = "SuccessfulCreate";
    public const string SuccessfulDelete = "SuccessfulDelete";
    public const string ScalingReplicaSet = "ScalingReplicaSet";
    public const string FailedCreate = "FailedCreate";

    // The attach/detach controller
    public const string SuccessfulAttachVolume = "SuccessfulAttachVolume";
    public const string FailedAttachVolume = "FailedAttachVolume";

    // The persistent volume controller (the binder) and the provisioners
    public const string WaitForFirstConsumer = "WaitForFirstConsumer";
    public const string ExternalProvisioning = "ExternalProvisioning";
    public const string ProvisioningFailed = "ProvisioningFailed";
    public const string ProvisioningSucceeded = "ProvisioningSucceeded";
    public const string VolumeResizeSuccessful = "VolumeResizeSuccessful";

    // The horizontal pod autoscaler (the failures are its conditions' reasons)
    public const string SuccessfulRescale = "SuccessfulRescale";
}

/// <summary>The components Events name as their source, as Kubernetes names them.</summary>
public static class EventComponents
{
    public const string DefaultScheduler = "default-scheduler";
    public const string Kubelet = "kubelet";
    public const string ReplicaSetController = "replicaset-controller";
    public const string ReplicationController = "replication-controller";
    public const string DeploymentController = "deployment-controller";
    public const string HorizontalPodAutoscaler = "horizontal-pod-autoscaler";
    public const string NodeController = "node-controller";
    public const string TaintEvictionController = "taint-eviction-controller";
    public const string AttachDetachController = "attachdetach-controller";
    public const string PersistentVolumeController = "persistentvolume-controller";
}

/// <summary>Annotations that tie a Kubernetes Event to the domain event it was projected from.</summary>
public static class KubeEventAnnotations
{
    /// <summary>The domain event's type, e.g. <c>PodBound</c>.</summary>
    public const string DomainEvent = "eventorch.io/domain-event";

    /// <summary>The domain event's id in the store (the bus message id).</summary>
    public const string DomainEventId = "eventorch.io/domain-event-id";

    /// <summary>Who caused it: the user or service account recorded on the domain event.</summary>
    public const string CausedBy = "eventorch.io/caused-by";

    /// <summary>The request id of the write that appended it (its correlation id).</summary>
    public const string RequestId = "eventorch.io/request-id";
}
