using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Discovery;
using EventOrch.Cli.Resources;

namespace EventOrch.Cli.Waiting;

/// <summary>Which check a kind's --wait uses; kinds with nothing to wait for have none.</summary>
public static class ReadinessChecks
{
    public static IReadinessCheck? For(KubeApiClient api, KindCatalog kinds, ApiResource resource, string? @namespace, string name) =>
        (resource.Group, resource.Kind) switch
        {
            _ when @namespace is null => null,
            ("apps", "Deployment") => new DeploymentRollout(api, kinds, @namespace, name),
            ("apps", "ReplicaSet") or ("", "ReplicationController") => new ReplicaSetReadiness(api, kinds, resource, @namespace, name),
            ("", "Pod") => new PodReadiness(api, kinds, @namespace, name),
            ("", "Service") => new ServiceEndpointsReadiness(api, kinds, @namespace, name),
            _ => null,
        };
}
