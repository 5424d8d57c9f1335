using static EventOrch.Api.Requests.Protobuf.Proto;

namespace EventOrch.Api.Requests.Protobuf;

/// <summary>The pod template messages of k8s.io/api core/v1 generated.proto, by field number, with Go's pointer fields
/// marked. Every field number of these messages is listed; those whose message types the Api does not read from
/// protobuf (probes, security contexts, volumes, affinity, ...) are <see cref="ProtoType.NotRead"/>: kubectl's
/// generators never set them, and a body that does is refused by name.</summary>
internal static class PodMessages
{
    private const string Core = "k8s.io.api.core.v1.";

    public static readonly ProtoMessage LocalObjectReference = new(Core + "LocalObjectReference", [String(1, "name")]);

    public static readonly ProtoMessage ContainerPort = new(Core + "ContainerPort",
        [String(1, "name"), Int32(2, "hostPort"), Int32(3, "containerPort"), String(4, "protocol"), String(5, "hostIP")]);

    public static readonly ProtoMessage ObjectFieldSelector = new(Core + "ObjectFieldSelector", [String(1, "apiVersion"), String(2, "fieldPath")]);

    public static readonly ProtoMessage ResourceFieldSelector = new(Core + "ResourceFieldSelector",
        [String(1, "containerName"), String(2, "resource"), Message(3, "divisor", MetaV1Messages.Quantity)]);

    public static readonly ProtoMessage ConfigMapKeySelector = new(Core + "ConfigMapKeySelector",
        [Inline(1, "LocalObjectReference", LocalObjectReference), String(2, "key"), Bool(3, "optional", pointer: true)]);

    public static readonly ProtoMessage SecretKeySelector = new(Core + "SecretKeySelector",
        [Inline(1, "LocalObjectReference", LocalObjectReference), String(2, "key"), Bool(3, "optional", pointer: true)]);

    public static readonly ProtoMessage EnvVarSource = new(Core + "EnvVarSource",
    [
        Message(1, "fieldRef", ObjectFieldSelector, pointer: true), Message(2, "resourceFieldRef", ResourceFieldSelector, pointer: true),
        Message(3, "configMapKeyRef", ConfigMapKeySelector, pointer: true), Message(4, "secretKeyRef", SecretKeySelector, pointer: true),
        NotRead(5, "fileKeyRef"),
    ]);

    public static readonly ProtoMessage EnvVar = new(Core + "EnvVar",
        [String(1, "name"), String(2, "value"), Message(3, "valueFrom", EnvVarSource, pointer: true)]);

    public static readonly ProtoMessage ConfigMapEnvSource = new(Core + "ConfigMapEnvSource",
        [Inline(1, "LocalObjectReference", LocalObjectReference), Bool(2, "optional", pointer: true)]);

    public static readonly ProtoMessage SecretEnvSource = new(Core + "SecretEnvSource",
        [Inline(1, "LocalObjectReference", LocalObjectReference), Bool(2, "optional", pointer: true)]);

    public static readonly ProtoMessage EnvFromSource = new(Core + "EnvFromSource",
    [
        String(1, "prefix"), Message(2, "configMapRef", ConfigMapEnvSource, pointer: true),
        Message(3, "secretRef", SecretEnvSource, pointer: true),
    ]);

    public static readonly ProtoMessage ResourceClaim = new(Core + "ResourceClaim", [String(1, "name"), String(2, "request")]);

    public static readonly ProtoMessage ResourceRequirements = new(Core + "ResourceRequirements",
    [
        MessageMap(1, "limits", MetaV1Messages.Quantity), MessageMap(2, "requests", MetaV1Messages.Quantity),
        List(3, "claims", ResourceClaim),
    ]);

    public static readonly ProtoMessage ContainerResizePolicy = new(Core + "ContainerResizePolicy",
        [String(1, "resourceName"), String(2, "restartPolicy")]);

    public static readonly ProtoMessage VolumeMount = new(Core + "VolumeMount",
    [
        String(1, "name"), Bool(2, "readOnly"), String(7, "recursiveReadOnly", pointer: true), String(3, "mountPath"),
        String(4, "subPath"), String(5, "mountPropagation", pointer: true), String(6, "subPathExpr"), Strings(8, "bindMountOptions"),
    ]);

    public static readonly ProtoMessage Container = new(Core + "Container",
    [
        String(1, "name"), String(2, "image"), Strings(3, "command"), Strings(4, "args"), String(5, "workingDir"),
        List(6, "ports", ContainerPort), List(19, "envFrom", EnvFromSource), List(7, "env", EnvVar),
        Message(8, "resources", ResourceRequirements), List(23, "resizePolicy", ContainerResizePolicy),
        String(24, "restartPolicy", pointer: true), NotRead(25, "restartPolicyRules"), List(9, "volumeMounts", VolumeMount),
        NotRead(21, "volumeDevices"), NotRead(10, "livenessProbe"), NotRead(11, "readinessProbe"), NotRead(22, "startupProbe"),
        NotRead(12, "lifecycle"), String(13, "terminationMessagePath"), String(20, "terminationMessagePolicy"),
        String(14, "imagePullPolicy"), NotRead(15, "securityContext"), Bool(16, "stdin"), Bool(17, "stdinOnce"), Bool(18, "tty"),
    ]);

    public static readonly ProtoMessage Toleration = new(Core + "Toleration",
    [
        String(1, "key"), String(2, "operator"), String(3, "value"), String(4, "effect"),
        Int64(5, "tolerationSeconds", pointer: true),
    ]);

    public static readonly ProtoMessage PodSpec = new(Core + "PodSpec",
    [
        NotRead(1, "volumes"), List(20, "initContainers", Container), List(2, "containers", Container),
        NotRead(34, "ephemeralContainers"), String(3, "restartPolicy"), Int64(4, "terminationGracePeriodSeconds", pointer: true),
        Int64(5, "activeDeadlineSeconds", pointer: true), String(6, "dnsPolicy"), StringMap(7, "nodeSelector"),
        String(8, "serviceAccountName"), String(9, "serviceAccount"), Bool(21, "automountServiceAccountToken", pointer: true),
        String(10, "nodeName"), Bool(11, "hostNetwork"), Bool(12, "hostPID"), Bool(13, "hostIPC"),
        Bool(27, "shareProcessNamespace", pointer: true), NotRead(14, "securityContext"),
        List(15, "imagePullSecrets", LocalObjectReference), String(16, "hostname"), String(17, "subdomain"),
        NotRead(18, "affinity"), String(19, "schedulerName"), List(22, "tolerations", Toleration), NotRead(23, "hostAliases"),
        String(24, "priorityClassName"), Int32(25, "priority", pointer: true), NotRead(26, "dnsConfig"),
        NotRead(28, "readinessGates"), String(29, "runtimeClassName", pointer: true), Bool(30, "enableServiceLinks", pointer: true),
        String(31, "preemptionPolicy", pointer: true), MessageMap(32, "overhead", MetaV1Messages.Quantity),
        NotRead(33, "topologySpreadConstraints"), Bool(35, "setHostnameAsFQDN", pointer: true), NotRead(36, "os"),
        Bool(37, "hostUsers", pointer: true), NotRead(38, "schedulingGates"), NotRead(39, "resourceClaims"),
        Message(40, "resources", ResourceRequirements, pointer: true), String(41, "hostnameOverride", pointer: true),
        NotRead(43, "schedulingGroup"), NotRead(44, "evictionResponders"),
    ]);

    public static readonly ProtoMessage PodTemplateSpec = new(Core + "PodTemplateSpec",
        [Message(1, "metadata", MetaV1Messages.ObjectMeta), Message(2, "spec", PodSpec)]);
}
