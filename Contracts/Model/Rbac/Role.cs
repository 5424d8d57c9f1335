namespace EventOrch.Contracts.Model.Rbac;

/// <summary>rbac.authorization.k8s.io/v1 Role: rules that apply in its own namespace, once bound.</summary>
public sealed record Role : IKubeObject
{
    public string ApiVersion { get; init; } = RbacNames.ApiVersion;
    public string Kind { get; init; } = "Role";
    public ObjectMeta Metadata { get; init; } = new();
    public List<PolicyRule>? Rules { get; init; }
}

/// <summary>rbac.authorization.k8s.io/v1 ClusterRole: rules for every namespace, cluster-scoped resources and
/// non-resource URLs; with an aggregationRule its rules are those of the ClusterRoles the rule selects.</summary>
public sealed record ClusterRole : IKubeObject
{
    public string ApiVersion { get; init; } = RbacNames.ApiVersion;
    public string Kind { get; init; } = "ClusterRole";
    public ObjectMeta Metadata { get; init; } = new();
    public List<PolicyRule>? Rules { get; init; }
    public AggregationRule? AggregationRule { get; init; }
}

/// <summary>rbac.authorization.k8s.io/v1 RoleBinding: grants a Role, or a ClusterRole limited to the binding's
/// namespace, to subjects.</summary>
public sealed record RoleBinding : IKubeObject
{
    public string ApiVersion { get; init; } = RbacNames.ApiVersion;
    public string Kind { get; init; } = "RoleBinding";
    public ObjectMeta Metadata { get; init; } = new();
    public List<Subject>? Subjects { get; init; }
    public RoleRef RoleRef { get; init; } = new();
}

/// <summary>rbac.authorization.k8s.io/v1 ClusterRoleBinding: grants a ClusterRole everywhere to subjects.</summary>
public sealed record ClusterRoleBinding : IKubeObject
{
    public string ApiVersion { get; init; } = RbacNames.ApiVersion;
    public string Kind { get; init; } = "ClusterRoleBinding";
    public ObjectMeta Metadata { get; init; } = new();
    public List<Subject>? Subjects { get; init; }
    public RoleRef RoleRef { get; init; } = new();
}
