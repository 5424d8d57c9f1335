using EventOrch.Api.Authorization.Rbac;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Rbac;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources.Rbac;

/// <summary>ClusterRoles (rbac.authorization.k8s.io/v1): rules for every namespace, cluster-scoped resources and
/// non-resource URLs, or an aggregationRule.</summary>
public sealed class ClusterRoleDefinition(RbacCommitListener listener) : RbacDefinition<ClusterRole>(listener)
{
    public override IObjectEvolver<ClusterRole> Evolver => ClusterRoleEvolver.Instance;

    protected override ClusterRole With(ClusterRole obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override ClusterRole PrepareForCreate(ClusterRole obj) => obj with { Rules = obj.Rules is { Count: > 0 } r ? r : null };

    public override IReadOnlyList<FieldError> ValidateCreate(ClusterRole obj) => RbacValidation.ValidateClusterRole(obj);

    public override ClusterRole PrepareForUpdate(ClusterRole old, ClusterRole updated) => PrepareForCreate(updated);

    public override IReadOnlyList<FieldError> ValidateUpdate(ClusterRole old, ClusterRole updated) => RbacValidation.ValidateClusterRoleUpdate(old, updated);

    public override IObjectEvent Created(ClusterRole obj) => new ClusterRoleCreated(obj);

    public override IReadOnlyList<IObjectEvent> Changes(ClusterRole old, ClusterRole updated)
    {
        var events = new List<IObjectEvent>();
        var (uid, name) = (old.Metadata.Uid!, old.Metadata.Name!);
        var metadata = ObjectMetaEvolution.Diff(old.Metadata, updated.Metadata);
        if (!metadata.IsEmpty) events.Add(new ClusterRoleMetadataChanged(uid, name, metadata));
        if (!JsonEquals(old.Rules, updated.Rules) || !JsonEquals(old.AggregationRule, updated.AggregationRule))
            events.Add(new ClusterRoleRulesChanged(uid, name, updated.Rules, updated.AggregationRule));
        return events;
    }

    public override IObjectEvent Deleted(ClusterRole obj) => new ClusterRoleDeleted(obj.Metadata.Uid!, obj.Metadata.Name!);
}
