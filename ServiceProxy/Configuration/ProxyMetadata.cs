namespace EventOrch.ServiceProxy.Configuration;

/// <summary>The names the proxy gives things: the Service annotation users set, and the metadata it puts on its own
/// routes and clusters so the request pipeline knows which service and listener a request belongs to.</summary>
public static class ProxyMetadata
{
    /// <summary>Service annotation choosing the load-balancing policy: RoundRobin (the default), LeastRequests or PowerOfTwoChoices.</summary>
    public const string LoadBalancingAnnotation = "eventorch.io/load-balancing";

    /// <summary>Route metadata: the listener the route serves (<see cref="EntryListener"/> or <see cref="NodePortListener"/>).</summary>
    public const string Listener = "eventorch.io/listener";

    /// <summary>Route and cluster metadata: "namespace/name" of the service.</summary>
    public const string Service = "eventorch.io/service";

    /// <summary>Cluster metadata: the service port (number) the cluster serves, for Ingress backends that name it.</summary>
    public const string ServicePort = "eventorch.io/service-port";

    /// <summary>Cluster metadata: the service port's name ("" for an unnamed port), for Ingress backends that name it.</summary>
    public const string ServicePortName = "eventorch.io/service-port-name";

    /// <summary>Cluster metadata: the policy that picks a destination for a client the ClientIP policy has not seen yet.</summary>
    public const string InnerLoadBalancing = "eventorch.io/inner-load-balancing";

    /// <summary>Cluster metadata: how long a client stays with its destination after its last request (seconds).</summary>
    public const string ClientIPTimeoutSeconds = "eventorch.io/client-ip-timeout-seconds";

    /// <summary>Destination metadata: the namespace of the pod behind the address (its Endpoints targetRef).</summary>
    public const string PodNamespace = "eventorch.io/pod-namespace";

    /// <summary>Destination metadata: the name of the pod behind the address.</summary>
    public const string PodName = "eventorch.io/pod-name";

    public const string EntryListener = "entry";

    public static string NodePortListener(int port) => $"node-port/{port}";
}
