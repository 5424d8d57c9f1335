namespace EventOrch.Api.Requests.Protobuf;

/// <summary>The kinds whose protobuf bodies the Api reads: what kubectl's generators (<c>create namespace|configmap|
/// secret|deployment|service|ingress|quota</c>, <c>autoscale</c>) send, and the DeleteOptions of Go's typed clients.</summary>
internal static class ProtobufKinds
{
    private static readonly Dictionary<(string ApiVersion, string Kind), ProtoMessage> Kinds = new()
    {
        [("v1", "Namespace")] = CoreV1Messages.Namespace,
        [("v1", "ConfigMap")] = CoreV1Messages.ConfigMap,
        [("v1", "Secret")] = CoreV1Messages.Secret,
        [("v1", "Service")] = CoreV1Messages.Service,
        [("v1", "ServiceAccount")] = CoreV1Messages.ServiceAccount,
        [("apps/v1", "Deployment")] = AppsV1Messages.Deployment,
        [("networking.k8s.io/v1", "Ingress")] = NetworkingV1Messages.Ingress,
        [("autoscaling/v1", "HorizontalPodAutoscaler")] = AutoscalingV1Messages.HorizontalPodAutoscaler,
        [("authentication.k8s.io/v1", "TokenRequest")] = AuthenticationV1Messages.TokenRequest,
        [("authentication.k8s.io/v1", "SelfSubjectReview")] = AuthenticationV1Messages.SelfSubjectReview,
        [("v1", "ResourceQuota")] = QuotaMessages.ResourceQuota,
        [("v1", "LimitRange")] = QuotaMessages.LimitRange,
        [("rbac.authorization.k8s.io/v1", "Role")] = RbacV1Messages.Role,
        [("rbac.authorization.k8s.io/v1", "ClusterRole")] = RbacV1Messages.ClusterRole,
        [("rbac.authorization.k8s.io/v1", "RoleBinding")] = RbacV1Messages.RoleBinding,
        [("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")] = RbacV1Messages.ClusterRoleBinding,
        [("authorization.k8s.io/v1", "SelfSubjectAccessReview")] = AuthorizationV1Messages.SelfSubjectAccessReview,
        [("authorization.k8s.io/v1", "SelfSubjectRulesReview")] = AuthorizationV1Messages.SelfSubjectRulesReview,
        [("authorization.k8s.io/v1", "SubjectAccessReview")] = AuthorizationV1Messages.SubjectAccessReview,
    };

    /// <summary>The message of <paramref name="kind"/> at <paramref name="apiVersion"/>, or null. DeleteOptions is
    /// registered in every group-version, so a client sends it with its own.</summary>
    public static ProtoMessage? Find(string apiVersion, string kind) =>
        kind == "DeleteOptions" ? MetaV1Messages.DeleteOptions : Kinds.GetValueOrDefault((apiVersion, kind));

    /// <summary>"v1 Namespace, ..." for messages.</summary>
    public static string Served => string.Join(", ", Kinds.Keys.Select(k => $"{k.ApiVersion} {k.Kind}").Append("DeleteOptions"));
}
