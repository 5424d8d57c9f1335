using EventOrch.Api.Authorization.Rbac;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Rbac;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources.Rbac;

/// <summary>Roles (rbac.authorization.k8s.io/v1): namespaced rules.</summary>
public sealed class RoleDefinition(RbacCommitListener listener) : RbacDefinition<Role>(listener)
{
    public override IObjectEvolver<Role> Evolver => RoleEvolver.Instance;

    protected override Role With(Role obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override Role PrepareForCreate(Role obj) => obj with { Rules = obj.Rules is { Count: > 0 } r ? r : null };

    public override IReadOnlyList<FieldError> ValidateCreate(Role obj) => RbacValidation.ValidateRole(obj);

    public override Role PrepareForUpdate(Role old, Role updated) => PrepareForCreate(updated);

    public override IReadOnlyList<FieldError> ValidateUpdate(Role old, Role updated) => RbacValidation.ValidateRoleUpdate(old, updated);

    public override IObjectEvent Created(Role obj) => new RoleCreated(obj);

    public override IReadOnlyList<IObjectEvent> Changes(Role old, Role updated)
    {
        var events = new List<IObjectEvent>();
        var (uid, ns, name) = (old.Metadata.Uid!, old.Metadata.Namespace!, old.Metadata.Name!);
        var metadata = ObjectMetaEvolution.Diff(old.Metadata, updated.Metadata);
        if (!metadata.IsEmpty) events.Add(new RoleMetadataChanged(uid, ns, name, metadata));
        if (!JsonEquals(old.Rules, updated.Rules)) events.Add(new RoleRulesChanged(uid, ns, name, updated.Rules));
        return events;
    }

    public override IObjectEvent Deleted(Role obj) => new RoleDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);
}
