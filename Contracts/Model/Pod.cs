namespace EventOrch.Contracts.Model;

/// <summary>A pod: one or more containers scheduled together on a node.</summary>
public sealed record Pod : IKubeObject
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "Pod";
    public ObjectMeta Metadata { get; init; } = new();
    public PodSpec Spec { get; init; } = new();
    public PodStatus? Status { get; init; }
}

public sealed record PodSpec
{
    [PatchStrategy(PatchStrategies.Merge, MergeKey = "name")]
    public List<Container> Containers { get; init; } = [];
    [PatchStrategy(PatchStrategies.Merge, MergeKey = "name")]
    public List<Container>? InitContainers { get; init; }
    [PatchStrategy(PatchStrategies.Merge + "," + PatchStrategies.RetainKeys, MergeKey = "name")]
    public List<Volume>? Volumes { get; init; }
    public string? NodeName { get; init; }
    public Dictionary<string, string>? NodeSelector { get; init; }
    public Affinity? Affinity { get; init; }
    public List<Toleration>? Tolerations { get; init; }
    public string? RestartPolicy { get; init; }
    public long? TerminationGracePeriodSeconds { get; init; }
    public long? ActiveDeadlineSeconds { get; init; }
    public string? DnsPolicy { get; init; }
    public string? ServiceAccountName { get; init; }
    public string? ServiceAccount { get; init; }
    public bool? AutomountServiceAccountToken { get; init; }
    public string? Hostname { get; init; }
    public string? Subdomain { get; init; }
    public string? SchedulerName { get; init; }
    public string? PriorityClassName { get; init; }
    public int? Priority { get; init; }
    public bool? HostNetwork { get; init; }
    public bool? EnableServiceLinks { get; init; }
    public string? PreemptionPolicy { get; init; }
    public System.Text.Json.Nodes.JsonObject? SecurityContext { get; init; }
}

public sealed record Container
{
    public string Name { get; init; } = "";
    public string? Image { get; init; }
    public List<string>? Command { get; init; }
    public List<string>? Args { get; init; }
    public string? WorkingDir { get; init; }
    [PatchStrategy(PatchStrategies.Merge, MergeKey = "containerPort")]
    public List<ContainerPort>? Ports { get; init; }
    [PatchStrategy(PatchStrategies.Merge, MergeKey = "name")]
    public List<EnvVar>? Env { get; init; }
    public List<EnvFromSource>? EnvFrom { get; init; }
    public ResourceRequirements? Resources { get; init; }
    [PatchStrategy(PatchStrategies.Merge, MergeKey = "mountPath")]
    public List<VolumeMount>? VolumeMounts { get; init; }
    public Probe? LivenessProbe { get; init; }
    public Probe? ReadinessProbe { get; init; }
    public Probe? StartupProbe { get; init; }
    public string? ImagePullPolicy { get; init; }
    public string? TerminationMessagePath { get; init; }
    public string? TerminationMessagePolicy { get; init; }
    public bool? Stdin { get; init; }
    public bool? StdinOnce { get; init; }
    public bool? Tty { get; init; }
    public System.Text.Json.Nodes.JsonObject? SecurityContext { get; init; }
}

public sealed record ContainerPort
{
    public string? Name { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("containerPort")]
    public int Number { get; init; }
    public int? HostPort { get; init; }
    public string? HostIP { get; init; }
    public string? Protocol { get; init; }
}

public sealed record EnvVar
{
    public string Name { get; init; } = "";
    public string? Value { get; init; }
    public EnvVarSource? ValueFrom { get; init; }
}

public sealed record EnvVarSource
{
    public ObjectFieldSelector? FieldRef { get; init; }
    public ConfigMapKeySelector? ConfigMapKeyRef { get; init; }
    public SecretKeySelector? SecretKeyRef { get; init; }
}

public sealed record ObjectFieldSelector
{
    public string? ApiVersion { get; init; }
    public string FieldPath { get; init; } = "";
}

/// <summary>Requests and limits, as quantity strings keyed by resource name (cpu, memory, ...).</summary>
public sealed record ResourceRequirements
{
    public Dictionary<string, string>? Requests { get; init; }
    public Dictionary<string, string>? Limits { get; init; }
}

public sealed record VolumeMount
{
    public string Name { get; init; } = "";
    public string MountPath { get; init; } = "";
    public bool? ReadOnly { get; init; }
    public string? SubPath { get; init; }
}

public sealed record Volume
{
    public string Name { get; init; } = "";
    public EmptyDirVolumeSource? EmptyDir { get; init; }
    public HostPathVolumeSource? HostPath { get; init; }
    public ConfigMapVolumeSource? ConfigMap { get; init; }
    public SecretVolumeSource? Secret { get; init; }
    public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; init; }
}

/// <summary>A claim in the pod's namespace, mounted as the volume bound to it; <c>readOnly</c> forces every mount of it read-only.</summary>
public sealed record PersistentVolumeClaimVolumeSource
{
    public string ClaimName { get; init; } = "";
    public bool? ReadOnly { get; init; }
}

public sealed record EmptyDirVolumeSource
{
    public string? Medium { get; init; }
    public string? SizeLimit { get; init; }
}

public sealed record HostPathVolumeSource
{
    public string Path { get; init; } = "";
    public string? Type { get; init; }
}

public sealed record Probe
{
    public ExecAction? Exec { get; init; }
    public HttpGetAction? HttpGet { get; init; }
    public TcpSocketAction? TcpSocket { get; init; }
    public int? InitialDelaySeconds { get; init; }
    public int? PeriodSeconds { get; init; }
    public int? TimeoutSeconds { get; init; }
    public int? SuccessThreshold { get; init; }
    public int? FailureThreshold { get; init; }
}

public sealed record ExecAction
{
    public List<string>? Command { get; init; }
}

public sealed record HttpGetAction
{
    public string? Path { get; init; }
    public IntOrString Port { get; init; }
    public string? Host { get; init; }
    public string? Scheme { get; init; }
}

public sealed record TcpSocketAction
{
    public IntOrString Port { get; init; }
    public string? Host { get; init; }
}

public sealed record Toleration
{
    public string? Key { get; init; }
    public string? Operator { get; init; }
    public string? Value { get; init; }
    public string? Effect { get; init; }
    public long? TolerationSeconds { get; init; }
}

public sealed record Affinity
{
    public NodeAffinity? NodeAffinity { get; init; }
}

public sealed record NodeAffinity
{
    public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; init; }
    public List<PreferredSchedulingTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; init; }
}

public sealed record NodeSelector
{
    public List<NodeSelectorTerm> NodeSelectorTerms { get; init; } = [];
}

public sealed record NodeSelectorTerm
{
    public List<NodeSelectorRequirement>? MatchExpressions { get; init; }
    public List<NodeSelectorRequirement>? MatchFields { get; init; }
}

public sealed record NodeSelectorRequirement
{
    public string Key { get; init; } = "";
    public string Operator { get; init; } = "";
    public List<string>? Values { get; init; }
}

public sealed record PreferredSchedulingTerm
{
    public int Weight { get; init; }
    public NodeSelectorTerm Preference { get; init; } = new();
}

public sealed record PodStatus
{
    public string? Phase { get; init; }
    [PatchStrategy(PatchStrategies.Merge, MergeKey = "type")]
    public List<PodCondition>? Conditions { get; init; }
    public string? Message { get; init; }
    public string? Reason { get; init; }
    public string? NominatedNodeName { get; init; }
    public string? HostIP { get; init; }
    public string? PodIP { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public List<ContainerStatus>? ContainerStatuses { get; init; }
    public List<ContainerStatus>? InitContainerStatuses { get; init; }
    public string? QosClass { get; init; }
}

public sealed record PodCondition
{
    public string Type { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset? LastProbeTime { get; init; }
    public DateTimeOffset? LastTransitionTime { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
}

public sealed record ContainerStatus
{
    public string Name { get; init; } = "";
    public ContainerState? State { get; init; }
    public ContainerState? LastState { get; init; }
    public bool Ready { get; init; }
    public int RestartCount { get; init; }
    public string? Image { get; init; }
    public string? ImageID { get; init; }
    public string? ContainerID { get; init; }
    public bool? Started { get; init; }

    /// <summary>EventOrch: where the container's ports are published on the node (hostIP:hostPort), including
    /// the host ports the node agent allocated for ports that asked for none.</summary>
    public List<PublishedPort>? Ports { get; init; }
}

/// <summary>A container port published on the node's address.</summary>
public sealed record PublishedPort
{
    public string? Name { get; init; }
    public int ContainerPort { get; init; }
    public int HostPort { get; init; }
    public string HostIP { get; init; } = "";
    public string Protocol { get; init; } = "TCP";
}

public sealed record ContainerState
{
    public ContainerStateWaiting? Waiting { get; init; }
    public ContainerStateRunning? Running { get; init; }
    public ContainerStateTerminated? Terminated { get; init; }
}

public sealed record ContainerStateWaiting
{
    public string? Reason { get; init; }
    public string? Message { get; init; }
}

public sealed record ContainerStateRunning
{
    public DateTimeOffset? StartedAt { get; init; }
}

public sealed record ContainerStateTerminated
{
    public int ExitCode { get; init; }
    public int? Signal { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public string? ContainerID { get; init; }
}

public static class PodPhases
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Unknown = "Unknown";
}
