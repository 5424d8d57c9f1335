using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Contracts.Kinds;

/// <summary>Folds RoleBinding events into the object's current state.</summary>
public sealed class RoleBindingEvolver : IObjectEvolver<RoleBinding>
{
    public static RoleBindingEvolver Instance { get; } = new();

    public ResourceKind Kind => ResourceKind.RoleBinding;

    public IReadOnlyList<Type> EventTypes { get; } =
        [typeof(RoleBindingCreated), typeof(RoleBindingMetadataChanged), typeof(RoleBindingSubjectsChanged), typeof(RoleBindingDeleted)];

    public RoleBinding? Apply(RoleBinding? current, IObjectEvent @event, EventPosition position) => @event switch
    {
        RoleBindingCreated e => e.RoleBinding with { Metadata = e.RoleBinding.Metadata.At(position) },
        RoleBindingDeleted => null,
        _ when current is null => null,
        RoleBindingMetadataChanged e => current with { Metadata = current.Metadata.With(e.Changes).At(position) },
        RoleBindingSubjectsChanged e => current with { Subjects = e.Subjects, Metadata = current.Metadata.At(position) },
        _ => current,
    };
}

/// <summary>Folds ClusterRoleBinding events into the object's current state.</summary>
public sealed class ClusterRoleBindingEvolver : IObjectEvolver<ClusterRoleBinding>
{
    public static ClusterRoleBindingEvolver Instance { get; } = new();

    public ResourceKind Kind => ResourceKind.ClusterRoleBinding;

    public IReadOnlyList<Type> EventTypes { get; } =
    [
        typeof(ClusterRoleBindingCreated), typeof(ClusterRoleBindingMetadataChanged), typeof(ClusterRoleBindingSubjectsChanged),
        typeof(ClusterRoleBindingDeleted),
    ];

    public ClusterRoleBinding? Apply(ClusterRoleBinding? current, IObjectEvent @event, EventPosition position) => @event switch
    {
        ClusterRoleBindingCreated e => e.ClusterRoleBinding with { Metadata = e.ClusterRoleBinding.Metadata.At(position) },
        ClusterRoleBindingDeleted => null,
        _ when current is null => null,
        ClusterRoleBindingMetadataChanged e => current with { Metadata = current.Metadata.With(e.Changes).At(position) },
        ClusterRoleBindingSubjectsChanged e => current with { Subjects = e.Subjects, Metadata = current.Metadata.At(position) },
        _ => current,
    };
}
