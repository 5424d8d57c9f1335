using EventOrch.Api.Authorization.Rbac;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Rbac;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources.Rbac;

/// <summary>RoleBindings (rbac.authorization.k8s.io/v1): a Role, or a ClusterRole within the binding's namespace,
/// granted to subjects; the roleRef never changes.</summary>
public sealed class RoleBindingDefinition(RbacCommitListener listener) : RbacDefinition<RoleBinding>(listener)
{
    public override IObjectEvolver<RoleBinding> Evolver => RoleBindingEvolver.Instance;

    protected override RoleBinding With(RoleBinding obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override RoleBinding PrepareForCreate(RoleBinding obj) =>
        obj with { Subjects = obj.Subjects is { Count: > 0 } s ? [.. s.Select(RbacValidation.WithDefaults)] : null };

    public override IReadOnlyList<FieldError> ValidateCreate(RoleBinding obj) => RbacValidation.ValidateRoleBinding(obj);

    public override RoleBinding PrepareForUpdate(RoleBinding old, RoleBinding updated) => PrepareForCreate(updated);

    public override IReadOnlyList<FieldError> ValidateUpdate(RoleBinding old, RoleBinding updated) => RbacValidation.ValidateRoleBindingUpdate(old, updated);

    public override IObjectEvent Created(RoleBinding obj) => new RoleBindingCreated(obj);

    public override IReadOnlyList<IObjectEvent> Changes(RoleBinding old, RoleBinding updated)
    {
        var events = new List<IObjectEvent>();
        var (uid, ns, name) = (old.Metadata.Uid!, old.Metadata.Namespace!, old.Metadata.Name!);
        var metadata = ObjectMetaEvolution.Diff(old.Metadata, updated.Metadata);
        if (!metadata.IsEmpty) events.Add(new RoleBindingMetadataChanged(uid, ns, name, metadata));
        if (!JsonEquals(old.Subjects, updated.Subjects)) events.Add(new RoleBindingSubjectsChanged(uid, ns, name, updated.Subjects));
        return events;
    }

    public override IObjectEvent Deleted(RoleBinding obj) => new RoleBindingDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);
}
