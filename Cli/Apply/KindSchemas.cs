using EventOrch.ClientRuntime.Discovery;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Apply;

/// <summary>The patch schema of a kind eoctl applies: read from the same model types (and their
/// <see cref="PatchStrategyAttribute"/>s) the Api serves the kind with, so apply merges as the server patches.</summary>
public static class KindSchemas
{
    private static readonly Dictionary<(string Group, string Kind), Type> Models = new[]
    {
        (ResourceKind.Namespace, typeof(Namespace)),
        (ResourceKind.Pod, typeof(Pod)),
        (ResourceKind.Node, typeof(Node)),
        (ResourceKind.Service, typeof(Service)),
        (ResourceKind.Endpoints, typeof(Endpoints)),
        (ResourceKind.ConfigMap, typeof(ConfigMap)),
        (ResourceKind.ResourceQuota, typeof(ResourceQuota)),
        (ResourceKind.LimitRange, typeof(LimitRange)),
        (ResourceKind.StorageClass, typeof(StorageClass)),
        (ResourceKind.PersistentVolume, typeof(PersistentVolume)),
        (ResourceKind.PersistentVolumeClaim, typeof(PersistentVolumeClaim)),
        (ResourceKind.VolumeAttachment, typeof(VolumeAttachment)),
        (ResourceKind.Secret, typeof(Secret)),
        (ResourceKind.Ingress, typeof(Ingress)),
        (ResourceKind.HorizontalPodAutoscaler, typeof(HorizontalPodAutoscaler)),
        (ResourceKind.ReplicationController, typeof(ReplicationController)),
        (ResourceKind.ReplicaSet, typeof(ReplicaSet)),
        (ResourceKind.Deployment, typeof(Deployment)),
        (ResourceKind.StatefulSet, typeof(StatefulSet)),
        (ResourceKind.Lease, typeof(Lease)),
        (ResourceKind.WebhookSubscription, typeof(WebhookSubscription)),
        (ResourceKind.ServiceAccount, typeof(ServiceAccount)),
        (ResourceKind.Role, typeof(Contracts.Model.Rbac.Role)),
        (ResourceKind.ClusterRole, typeof(Contracts.Model.Rbac.ClusterRole)),
        (ResourceKind.RoleBinding, typeof(Contracts.Model.Rbac.RoleBinding)),
        (ResourceKind.ClusterRoleBinding, typeof(Contracts.Model.Rbac.ClusterRoleBinding)),
    }.ToDictionary(m => (m.Item1.Group, m.Item1.Kind), m => m.Item2);

    /// <summary>The schema of the resource's kind; <see cref="PatchSchema.Unknown"/> for a kind without a model.</summary>
    public static PatchSchema For(ApiResource resource) =>
        Models.TryGetValue((resource.Group, resource.Kind), out var type) ? PatchSchema.For(type) : PatchSchema.Unknown;
}
