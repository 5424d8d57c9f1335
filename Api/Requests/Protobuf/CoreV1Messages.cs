using static EventOrch.Api.Requests.Protobuf.Proto;

namespace EventOrch.Api.Requests.Protobuf;

/// <summary>The core/v1 kinds kubectl's generators send as protobuf (Namespace, ConfigMap, Secret, Service, ServiceAccount), from
/// k8s.io/api core/v1 generated.proto, by field number, with Go's pointer fields marked. Status messages are read too:
/// Go writes them (empty) into every body.</summary>
internal static class CoreV1Messages
{
    private const string Core = "k8s.io.api.core.v1.";

    public static readonly ProtoMessage NamespaceSpec = new(Core + "NamespaceSpec", [Strings(1, "finalizers")]);

    public static readonly ProtoMessage NamespaceCondition = new(Core + "NamespaceCondition",
    [
        String(1, "type"), String(2, "status"), Message(4, "lastTransitionTime", MetaV1Messages.Time),
        String(5, "reason"), String(6, "message"),
    ]);

    public static readonly ProtoMessage NamespaceStatus = new(Core + "NamespaceStatus",
        [String(1, "phase"), List(2, "conditions", NamespaceCondition)]);

    public static readonly ProtoMessage Namespace = new(Core + "Namespace",
        [Message(1, "metadata", MetaV1Messages.ObjectMeta), Message(2, "spec", NamespaceSpec), Message(3, "status", NamespaceStatus)]);

    public static readonly ProtoMessage ConfigMap = new(Core + "ConfigMap",
    [
        Message(1, "metadata", MetaV1Messages.ObjectMeta), Bool(4, "immutable", pointer: true), StringMap(2, "data"),
        BytesMap(3, "binaryData"),
    ]);

    public static readonly ProtoMessage Secret = new(Core + "Secret",
    [
        Message(1, "metadata", MetaV1Messages.ObjectMeta), Bool(5, "immutable", pointer: true), BytesMap(2, "data"),
        StringMap(4, "stringData"), String(3, "type"),
    ]);

    public static readonly ProtoMessage ObjectReference = new(Core + "ObjectReference",
    [
        String(1, "kind"), String(2, "namespace"), String(3, "name"), String(4, "uid"), String(5, "apiVersion"),
        String(6, "resourceVersion"), String(7, "fieldPath"),
    ]);

    /// <summary><c>kubectl create serviceaccount</c>.</summary>
    public static readonly ProtoMessage ServiceAccount = new(Core + "ServiceAccount",
    [
        Message(1, "metadata", MetaV1Messages.ObjectMeta), List(2, "secrets", ObjectReference),
        List(3, "imagePullSecrets", PodMessages.LocalObjectReference), Bool(4, "automountServiceAccountToken", pointer: true),
    ]);

    public static readonly ProtoMessage ServicePort = new(Core + "ServicePort",
    [
        String(1, "name"), String(2, "protocol"), String(6, "appProtocol", pointer: true), Int32(3, "port"),
        Message(4, "targetPort", MetaV1Messages.IntOrString), Int32(5, "nodePort"),
    ]);

    public static readonly ProtoMessage ClientIPConfig = new(Core + "ClientIPConfig", [Int32(1, "timeoutSeconds", pointer: true)]);

    public static readonly ProtoMessage SessionAffinityConfig = new(Core + "SessionAffinityConfig",
        [Message(1, "clientIP", ClientIPConfig, pointer: true)]);

    public static readonly ProtoMessage ServiceSpec = new(Core + "ServiceSpec",
    [
        List(1, "ports", ServicePort), StringMap(2, "selector"), String(3, "clusterIP"), Strings(18, "clusterIPs"),
        String(4, "type"), Strings(5, "externalIPs"), String(7, "sessionAffinity"), String(8, "loadBalancerIP"),
        Strings(9, "loadBalancerSourceRanges"), String(10, "externalName"), String(11, "externalTrafficPolicy"),
        Int32(12, "healthCheckNodePort"), Bool(13, "publishNotReadyAddresses"),
        Message(14, "sessionAffinityConfig", SessionAffinityConfig, pointer: true), Strings(19, "ipFamilies"),
        String(17, "ipFamilyPolicy", pointer: true), Bool(20, "allocateLoadBalancerNodePorts", pointer: true),
        String(21, "loadBalancerClass", pointer: true), String(22, "internalTrafficPolicy", pointer: true),
        String(23, "trafficDistribution", pointer: true),
    ]);

    public static readonly ProtoMessage PortStatus = new(Core + "PortStatus",
        [Int32(1, "port"), String(2, "protocol"), String(3, "error", pointer: true)]);

    public static readonly ProtoMessage LoadBalancerIngress = new(Core + "LoadBalancerIngress",
        [String(1, "ip"), String(2, "hostname"), String(3, "ipMode", pointer: true), List(4, "ports", PortStatus)]);

    public static readonly ProtoMessage LoadBalancerStatus = new(Core + "LoadBalancerStatus", [List(1, "ingress", LoadBalancerIngress)]);

    public static readonly ProtoMessage ServiceStatus = new(Core + "ServiceStatus",
        [Message(1, "loadBalancer", LoadBalancerStatus), List(2, "conditions", MetaV1Messages.Condition)]);

    public static readonly ProtoMessage Service = new(Core + "Service",
        [Message(1, "metadata", MetaV1Messages.ObjectMeta), Message(2, "spec", ServiceSpec), Message(3, "status", ServiceStatus)]);
}
