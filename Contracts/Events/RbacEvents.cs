using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Contracts.Events;

// RBAC (rbac.authorization.k8s.io/v1). ClusterRoles and ClusterRoleBindings are cluster-scoped: their events carry no
// namespace. A binding's roleRef never changes, so no event changes it.

/// <summary>A Role was created, as stored.</summary>
public sealed record RoleCreated(Role Role) : ICreatedEvent<Role>
{
    [JsonIgnore] public string Uid => Role.Metadata.Uid!;
    [JsonIgnore] public string Namespace => Role.Metadata.Namespace!;
    [JsonIgnore] public string Name => Role.Metadata.Name!;
    Role ICreatedEvent<Role>.Object => Role;
}

/// <summary>A Role's labels, annotations, owner references or finalizers changed, or its deletion began.</summary>
public sealed record RoleMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IMetadataChangedEvent;

/// <summary>A Role's rules changed (given whole; null when it has none).</summary>
public sealed record RoleRulesChanged(string Uid, string Namespace, string Name, List<PolicyRule>? Rules) : IObjectEvent;

/// <summary>A Role was deleted.</summary>
public sealed record RoleDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;

/// <summary>A ClusterRole was created, as stored.</summary>
public sealed record ClusterRoleCreated(ClusterRole ClusterRole) : ICreatedEvent<ClusterRole>
{
    [JsonIgnore] public string Uid => ClusterRole.Metadata.Uid!;
    [JsonIgnore] public string Namespace => "";
    [JsonIgnore] public string Name => ClusterRole.Metadata.Name!;
    ClusterRole ICreatedEvent<ClusterRole>.Object => ClusterRole;
}

/// <summary>A ClusterRole's labels, annotations, owner references or finalizers changed, or its deletion began.</summary>
public sealed record ClusterRoleMetadataChanged(string Uid, string Name, MetadataChanges Changes) : IMetadataChangedEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A ClusterRole's rules or aggregationRule changed (both given whole; null when absent).</summary>
public sealed record ClusterRoleRulesChanged(string Uid, string Name, List<PolicyRule>? Rules, AggregationRule? AggregationRule) : IObjectEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A ClusterRole was deleted.</summary>
public sealed record ClusterRoleDeleted(string Uid, string Name) : IDeletedEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A RoleBinding was created, as stored.</summary>
public sealed record RoleBindingCreated(RoleBinding RoleBinding) : ICreatedEvent<RoleBinding>
{
    [JsonIgnore] public string Uid => RoleBinding.Metadata.Uid!;
    [JsonIgnore] public string Namespace => RoleBinding.Metadata.Namespace!;
    [JsonIgnore] public string Name => RoleBinding.Metadata.Name!;
    RoleBinding ICreatedEvent<RoleBinding>.Object => RoleBinding;
}

/// <summary>A RoleBinding's labels, annotations, owner references or finalizers changed, or its deletion began.</summary>
public sealed record RoleBindingMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IMetadataChangedEvent;

/// <summary>A RoleBinding's subjects changed (given whole; null when it has none).</summary>
public sealed record RoleBindingSubjectsChanged(string Uid, string Namespace, string Name, List<Subject>? Subjects) : IObjectEvent;

/// <summary>A RoleBinding was deleted.</summary>
public sealed record RoleBindingDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;

/// <summary>A ClusterRoleBinding was created, as stored.</summary>
public sealed record ClusterRoleBindingCreated(ClusterRoleBinding ClusterRoleBinding) : ICreatedEvent<ClusterRoleBinding>
{
    [JsonIgnore] public string Uid => ClusterRoleBinding.Metadata.Uid!;
    [JsonIgnore] public string Namespace => "";
    [JsonIgnore] public string Name => ClusterRoleBinding.Metadata.Name!;
    ClusterRoleBinding ICreatedEvent<ClusterRoleBinding>.Object => ClusterRoleBinding;
}

/// <summary>A ClusterRoleBinding's labels, annotations, owner references or finalizers changed, or its deletion began.</summary>
public sealed record ClusterRoleBindingMetadataChanged(string Uid, string Name, MetadataChanges Changes) : IMetadataChangedEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A ClusterRoleBinding's subjects changed (given whole; null when it has none).</summary>
public sealed record ClusterRoleBindingSubjectsChanged(string Uid, string Name, List<Subject>? Subjects) : IObjectEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A ClusterRoleBinding was deleted.</summary>
public sealed record ClusterRoleBindingDeleted(string Uid, string Name) : IDeletedEvent
{
    [JsonIgnore] public string Namespace => "";
}
