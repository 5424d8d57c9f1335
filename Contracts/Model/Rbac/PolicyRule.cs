namespace EventOrch.Contracts.Model.Rbac;

/// <summary>rbac.authorization.k8s.io/v1 PolicyRule: the verbs allowed on resources of some API groups (optionally
/// only the named ones), or on non-resource URLs.</summary>
public sealed record PolicyRule
{
    public List<string> Verbs { get; init; } = [];
    public List<string>? ApiGroups { get; init; }
    public List<string>? Resources { get; init; }
    public List<string>? ResourceNames { get; init; }
    public List<string>? NonResourceURLs { get; init; }
}

/// <summary>Who a binding grants its role to: a User, a Group, or a ServiceAccount (which has a namespace).</summary>
public sealed record Subject
{
    public string Kind { get; init; } = "";
    public string? ApiGroup { get; init; }
    public string Name { get; init; } = "";
    public string? Namespace { get; init; }
}

/// <summary>The role a binding grants: a Role (of the binding's namespace) or a ClusterRole. Immutable once set.</summary>
public sealed record RoleRef
{
    public string ApiGroup { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
}

/// <summary>Which ClusterRoles' rules a ClusterRole aggregates: those matching any of the selectors.</summary>
public sealed record AggregationRule
{
    public List<LabelSelectorSpec>? ClusterRoleSelectors { get; init; }
}

/// <summary>Names of the RBAC API.</summary>
public static class RbacNames
{
    public const string Group = "rbac.authorization.k8s.io";
    public const string ApiVersion = Group + "/v1";
    public const string UserKind = "User";
    public const string GroupKind = "Group";
    public const string ServiceAccountKind = "ServiceAccount";
    public const string All = "*";

    /// <summary>The user name a service account authenticates as.</summary>
    public static string ServiceAccountUser(string @namespace, string name) => $"system:serviceaccount:{@namespace}:{name}";
}
