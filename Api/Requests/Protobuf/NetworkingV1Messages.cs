using static EventOrch.Api.Requests.Protobuf.Proto;

namespace EventOrch.Api.Requests.Protobuf;

/// <summary>networking.k8s.io/v1 Ingress (what <c>kubectl create ingress</c> sends) from k8s.io/api networking/v1
/// generated.proto, by field number, with Go's pointer fields marked.</summary>
internal static class NetworkingV1Messages
{
    private const string Networking = "k8s.io.api.networking.v1.";

    public static readonly ProtoMessage ServiceBackendPort = new(Networking + "ServiceBackendPort", [String(1, "name"), Int32(2, "number")]);

    public static readonly ProtoMessage IngressServiceBackend = new(Networking + "IngressServiceBackend",
        [String(1, "name"), Message(2, "port", ServiceBackendPort)]);

    public static readonly ProtoMessage IngressBackend = new(Networking + "IngressBackend",
        [Message(4, "service", IngressServiceBackend, pointer: true), NotRead(3, "resource")]);

    public static readonly ProtoMessage IngressTLS = new(Networking + "IngressTLS", [Strings(1, "hosts"), String(2, "secretName")]);

    public static readonly ProtoMessage HTTPIngressPath = new(Networking + "HTTPIngressPath",
        [String(1, "path"), String(3, "pathType", pointer: true), Message(2, "backend", IngressBackend)]);

    public static readonly ProtoMessage HTTPIngressRuleValue = new(Networking + "HTTPIngressRuleValue", [List(1, "paths", HTTPIngressPath)]);

    /// <summary>Embedded in IngressRule without a JSON name: its <c>http</c> is the rule's.</summary>
    public static readonly ProtoMessage IngressRuleValue = new(Networking + "IngressRuleValue",
        [Message(1, "http", HTTPIngressRuleValue, pointer: true)]);

    public static readonly ProtoMessage IngressRule = new(Networking + "IngressRule",
        [String(1, "host"), Inline(2, "IngressRuleValue", IngressRuleValue)]);

    public static readonly ProtoMessage IngressSpec = new(Networking + "IngressSpec",
    [
        String(4, "ingressClassName", pointer: true), Message(1, "defaultBackend", IngressBackend, pointer: true),
        List(2, "tls", IngressTLS), List(3, "rules", IngressRule),
    ]);

    public static readonly ProtoMessage IngressPortStatus = new(Networking + "IngressPortStatus",
        [Int32(1, "port"), String(2, "protocol"), String(3, "error", pointer: true)]);

    public static readonly ProtoMessage IngressLoadBalancerIngress = new(Networking + "IngressLoadBalancerIngress",
        [String(1, "ip"), String(2, "hostname"), List(4, "ports", IngressPortStatus)]);

    public static readonly ProtoMessage IngressLoadBalancerStatus = new(Networking + "IngressLoadBalancerStatus",
        [List(1, "ingress", IngressLoadBalancerIngress)]);

    public static readonly ProtoMessage IngressStatus = new(Networking + "IngressStatus", [Message(1, "loadBalancer", IngressLoadBalancerStatus)]);

    public static readonly ProtoMessage Ingress = new(Networking + "Ingress",
    [
        Message(1, "metadata", MetaV1Messages.ObjectMeta), Message(2, "spec", IngressSpec), Message(3, "status", IngressStatus),
    ]);
}
