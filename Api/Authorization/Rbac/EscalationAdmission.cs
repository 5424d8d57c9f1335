using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Api.Admission;
using EventOrch.Api.Requests;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Rbac;
using EventOrch.Contracts.Serialization;
using Marten;

namespace EventOrch.Api.Authorization.Rbac;

/// <summary>Kubernetes' privilege-escalation prevention for the RBAC kinds (its policybased storage of roles, cluster
/// roles and their bindings): a user may write a Role or ClusterRole only with rules they already hold where it applies
/// (the Role's namespace; everywhere for a ClusterRole), or when allowed to <c>escalate</c> roles or clusterroles; and a
/// RoleBinding or ClusterRoleBinding only of a role whose rules they hold there, or when allowed to <c>bind</c> that
/// role. An aggregationRule, which can gather anything, needs every permission. Members of system:masters (the
/// Api's own writes among them) are not checked; neither is an update that changes only what garbage collection does
/// (owner references, finalizers). Dry runs are checked like real writes.</summary>
public sealed class EscalationAdmission(RbacPolicyCache policy, IRequestAuthorizer authorizer) : IWriteAdmission
{
    public const string EscalateVerb = "escalate";
    public const string BindVerb = "bind";
    public const string AggregationRefusal = "must have cluster-admin privileges to use the aggregationRule";

    private static readonly PolicyRule[] FullAuthority =
    [
        new() { Verbs = [RbacNames.All], ApiGroups = [RbacNames.All], Resources = [RbacNames.All] },
        new() { Verbs = [RbacNames.All], NonResourceURLs = [RbacNames.All] },
    ];

    public bool Mutates(ResourceKind kind) => false;

    public Task<ApiResult<IKubeObject>> MutateAsync(IQuerySession session, AdmissionAttempt attempt, CancellationToken cancellationToken) =>
        Task.FromResult(new ApiResult<IKubeObject>(attempt.Object, null));

    public async Task<AdmissionVerdict> ValidateAsync(IDocumentSession session, AdmissionAttempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.Object is not (Role or ClusterRole or RoleBinding or ClusterRoleBinding)) return AdmissionVerdict.Allowed;
        if (attempt.Groups.Contains(RbacAuthorizer.MastersGroup, StringComparer.Ordinal)) return AdmissionVerdict.Allowed;
        var refusal = attempt.Object switch
        {
            Role role => await RoleAsync(attempt, role.Rules, aggregates: false, cancellationToken),
            ClusterRole clusterRole => await RoleAsync(attempt, clusterRole.Rules,
                Aggregates(clusterRole) || (attempt.Old is ClusterRole old && Aggregates(old)), cancellationToken),
            RoleBinding binding => await BindingAsync(attempt, binding.RoleRef, attempt.Namespace, cancellationToken),
            ClusterRoleBinding binding => await BindingAsync(attempt, binding.RoleRef, "", cancellationToken),
            _ => null,
        };
        return refusal is null ? AdmissionVerdict.Allowed : new AdmissionVerdict(refusal);
    }

    private async Task<Status?> RoleAsync(AdmissionAttempt attempt, List<PolicyRule>? rules, bool aggregates, CancellationToken cancellationToken)
    {
        // As Kubernetes asks: of the request's resource and name, which a create does not have yet.
        var name = attempt.Old is null ? null : attempt.Name;
        if (await AllowedAsync(attempt, EscalateVerb, attempt.Kind, name, cancellationToken)) return null;
        if (OnlyGarbageCollection(attempt)) return null;
        var snapshot = await policy.CurrentAsync(cancellationToken);
        var (user, groups, scope) = (attempt.User, RbacAuthorizer.GroupsOf(attempt.Groups), attempt.Kind.Namespaced ? attempt.Namespace : "");
        if (EscalationCheck.Confirm(snapshot, user, groups, scope, rules ?? []) is { } why) return ApiErrors.AdmissionForbidden(attempt.Kind, attempt.Name, why);
        if (aggregates && EscalationCheck.Confirm(snapshot, user, groups, scope, FullAuthority) is not null)
            return ApiErrors.AdmissionForbidden(attempt.Kind, attempt.Name, AggregationRefusal);
        return null;
    }

    private async Task<Status?> BindingAsync(AdmissionAttempt attempt, RoleRef roleRef, string bindingNamespace, CancellationToken cancellationToken)
    {
        if (OnlyGarbageCollection(attempt)) return null;
        var roleKind = roleRef.Kind == ResourceKind.ClusterRole.Kind ? ResourceKind.ClusterRole : ResourceKind.Role;
        if (await AllowedAsync(attempt with { Namespace = bindingNamespace }, BindVerb, roleKind, roleRef.Name, cancellationToken)) return null;
        var snapshot = await policy.CurrentAsync(cancellationToken);
        if (snapshot.RulesOf(roleRef, bindingNamespace) is not { } rules) return RoleNotFound(roleKind, roleRef.Name);
        var why = EscalationCheck.Confirm(snapshot, attempt.User, RbacAuthorizer.GroupsOf(attempt.Groups), bindingNamespace, rules);
        return why is null ? null : ApiErrors.AdmissionForbidden(attempt.Kind, attempt.Name, why);
    }

    // The authorizer's answer to the user doing verb on the role kind (escalate, bind) where the write is made.
    private async Task<bool> AllowedAsync(AdmissionAttempt attempt, string verb, ResourceKind kind, string? name, CancellationToken cancellationToken)
    {
        var attributes = new RequestAttributes(attempt.User, RbacAuthorizer.GroupsOf(attempt.Groups), verb, kind, null,
            attempt.Namespace.Length > 0 ? attempt.Namespace : null, string.IsNullOrEmpty(name) ? null : name);
        return (await authorizer.AuthorizeAsync(attributes, cancellationToken)).Allowed;
    }

    private static bool Aggregates(ClusterRole role) => role.AggregationRule?.ClusterRoleSelectors is { Count: > 0 };

    // Kubernetes' IsOnlyMutatingGCFields: the update changes nothing but owner references and finalizers.
    private static bool OnlyGarbageCollection(AdmissionAttempt attempt)
    {
        if (attempt.Old is not { } old) return false;
        return JsonNode.DeepEquals(WithoutGarbageCollectionFields(old), WithoutGarbageCollectionFields(attempt.Object));
    }

    private static JsonNode? WithoutGarbageCollectionFields(IKubeObject obj)
    {
        var node = JsonSerializer.SerializeToNode(obj, obj.GetType(), KubeJson.Options);
        if (node?["metadata"] is JsonObject metadata)
        {
            metadata.Remove("ownerReferences");
            metadata.Remove("finalizers");
        }
        return node;
    }

    // What Kubernetes answers when the binding's role cannot be read: the role's NotFound.
    private static Status RoleNotFound(ResourceKind kind, string name) => new()
    {
        Code = 404,
        Reason = StatusReasons.NotFound,
        Message = $"{kind.Plural}.{kind.Group} \"{name}\" not found",
        Details = new StatusDetails { Name = name, Group = kind.Group, Kind = kind.Plural },
    };
}
