using static EventOrch.Api.Requests.Protobuf.Proto;

namespace EventOrch.Api.Requests.Protobuf;

/// <summary>rbac.authorization.k8s.io/v1 (what <c>kubectl create role|clusterrole|rolebinding|clusterrolebinding</c>
/// send) from k8s.io/api rbac/v1 generated.proto, by field number.</summary>
internal static class RbacV1Messages
{
    private const string Rbac = "k8s.io.api.rbac.v1.";

    public static readonly ProtoMessage PolicyRule = new(Rbac + "PolicyRule",
        [Strings(1, "verbs"), Strings(2, "apiGroups"), Strings(3, "resources"), Strings(4, "resourceNames"), Strings(5, "nonResourceURLs")]);

    public static readonly ProtoMessage AggregationRule = new(Rbac + "AggregationRule", [List(1, "clusterRoleSelectors", MetaV1Messages.LabelSelector)]);

    public static readonly ProtoMessage Subject = new(Rbac + "Subject", [String(1, "kind"), String(2, "apiGroup"), String(3, "name"), String(4, "namespace")]);

    public static readonly ProtoMessage RoleRef = new(Rbac + "RoleRef", [String(1, "apiGroup"), String(2, "kind"), String(3, "name")]);

    public static readonly ProtoMessage Role = new(Rbac + "Role", [Message(1, "metadata", MetaV1Messages.ObjectMeta), List(2, "rules", PolicyRule)]);

    public static readonly ProtoMessage ClusterRole = new(Rbac + "ClusterRole",
        [Message(1, "metadata", MetaV1Messages.ObjectMeta), List(2, "rules", PolicyRule), Message(3, "aggregationRule", AggregationRule, pointer: true)]);

    public static readonly ProtoMessage RoleBinding = new(Rbac + "RoleBinding",
        [Message(1, "metadata", MetaV1Messages.ObjectMeta), List(2, "subjects", Subject), Message(3, "roleRef", RoleRef)]);

    public static readonly ProtoMessage ClusterRoleBinding = new(Rbac + "ClusterRoleBinding",
        [Message(1, "metadata", MetaV1Messages.ObjectMeta), List(2, "subjects", Subject), Message(3, "roleRef", RoleRef)]);
}
