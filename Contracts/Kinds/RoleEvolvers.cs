using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Contracts.Kinds;

/// <summary>Folds Role events into the object's current state.</summary>
public sealed class RoleEvolver : IObjectEvolver<Role>
{
    public static RoleEvolver Instance { get; } = new();

    public ResourceKind Kind => ResourceKind.Role;

    public IReadOnlyList<Type> EventTypes { get; } = [typeof(RoleCreated), typeof(RoleMetadataChanged), typeof(RoleRulesChanged), typeof(RoleDeleted)];

    public Role? Apply(Role? current, IObjectEvent @event, EventPosition position) => @event switch
    {
        RoleCreated e => e.Role with { Metadata = e.Role.Metadata.At(position) },
        RoleDeleted => null,
        _ when current is null => null,
        RoleMetadataChanged e => current with { Metadata = current.Metadata.With(e.Changes).At(position) },
        RoleRulesChanged e => current with { Rules = e.Rules, Metadata = current.Metadata.At(position) },
        _ => current,
    };
}

/// <summary>Folds ClusterRole events into the object's current state.</summary>
public sealed class ClusterRoleEvolver : IObjectEvolver<ClusterRole>
{
    public static ClusterRoleEvolver Instance { get; } = new();

    public ResourceKind Kind => ResourceKind.ClusterRole;

    public IReadOnlyList<Type> EventTypes { get; } =
        [typeof(ClusterRoleCreated), typeof(ClusterRoleMetadataChanged), typeof(ClusterRoleRulesChanged), typeof(ClusterRoleDeleted)];

    public ClusterRole? Apply(ClusterRole? current, IObjectEvent @event, EventPosition position) => @event switch
    {
        ClusterRoleCreated e => e.ClusterRole with { Metadata = e.ClusterRole.Metadata.At(position) },
        ClusterRoleDeleted => null,
        _ when current is null => null,
        ClusterRoleMetadataChanged e => current with { Metadata = current.Metadata.With(e.Changes).At(position) },
        ClusterRoleRulesChanged e => current with { Rules = e.Rules, AggregationRule = e.AggregationRule, Metadata = current.Metadata.At(position) },
        _ => current,
    };
}
