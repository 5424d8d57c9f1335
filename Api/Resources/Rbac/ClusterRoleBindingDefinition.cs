using EventOrch.Api.Authorization.Rbac;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Rbac;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources.Rbac;

/// <summary>ClusterRoleBindings (rbac.authorization.k8s.io/v1): a ClusterRole granted everywhere to subjects; the
/// roleRef never changes.</summary>
public sealed class ClusterRoleBindingDefinition(RbacCommitListener listener) : RbacDefinition<ClusterRoleBinding>(listener)
{
    public override IObjectEvolver<ClusterRoleBinding> Evolver => ClusterRoleBindingEvolver.Instance;

    protected override ClusterRoleBinding With(ClusterRoleBinding obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override ClusterRoleBinding PrepareForCreate(ClusterRoleBinding obj) =>
        obj with { Subjects = obj.Subjects is { Count: > 0 } s ? [.. s.Select(RbacValidation.WithDefaults)] : null };

    public override IReadOnlyList<FieldError> ValidateCreate(ClusterRoleBinding obj) => RbacValidation.ValidateClusterRoleBinding(obj);

    public override ClusterRoleBinding PrepareForUpdate(ClusterRoleBinding old, ClusterRoleBinding updated) => PrepareForCreate(updated);

    public override IReadOnlyList<FieldError> ValidateUpdate(ClusterRoleBinding old, ClusterRoleBinding updated) =>
        RbacValidation.ValidateClusterRoleBindingUpdate(old, updated);

    public override IObjectEvent Created(ClusterRoleBinding obj) => new ClusterRoleBindingCreated(obj);

    public override IReadOnlyList<IObjectEvent> Changes(ClusterRoleBinding old, ClusterRoleBinding updated)
    {
        var events = new List<IObjectEvent>();
        var (uid, name) = (old.Metadata.Uid!, old.Metadata.Name!);
        var metadata = ObjectMetaEvolution.Diff(old.Metadata, updated.Metadata);
        if (!metadata.IsEmpty) events.Add(new ClusterRoleBindingMetadataChanged(uid, name, metadata));
        if (!JsonEquals(old.Subjects, updated.Subjects)) events.Add(new ClusterRoleBindingSubjectsChanged(uid, name, updated.Subjects));
        return events;
    }

    public override IObjectEvent Deleted(ClusterRoleBinding obj) => new ClusterRoleBindingDeleted(obj.Metadata.Uid!, obj.Metadata.Name!);
}
