using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Api.Authorization.Rbac;

/// <summary>One binding's grant to one subject: the rules of its role (resolved when the snapshot was built), where they
/// come from, and why there are none when the role does not exist.</summary>
public sealed record Grant(string Source, IReadOnlyList<PolicyRule> Rules, string? Error);

/// <summary>An immutable view of every Role, ClusterRole, RoleBinding and ClusterRoleBinding, indexed by subject: a
/// decision looks up the user's name and groups, never scans the bindings. Built again whenever one of them changes.</summary>
public sealed class RbacSnapshot
{
    private readonly Dictionary<string, List<Grant>> _clusterGrants;
    private readonly Dictionary<(string Namespace, string Subject), List<Grant>> _namespaceGrants;
    private readonly Dictionary<(string Namespace, string Name), IReadOnlyList<PolicyRule>> _roleRules;

    private RbacSnapshot(Dictionary<string, List<Grant>> clusterGrants, Dictionary<(string, string), List<Grant>> namespaceGrants,
        IReadOnlyDictionary<string, IReadOnlyList<PolicyRule>> clusterRoleRules, Dictionary<(string, string), IReadOnlyList<PolicyRule>> roleRules)
    {
        _clusterGrants = clusterGrants;
        _namespaceGrants = namespaceGrants;
        _roleRules = roleRules;
        ClusterRoleRules = clusterRoleRules;
    }

    public static RbacSnapshot Empty { get; } = Build([], [], [], []);

    /// <summary>Each ClusterRole's effective rules: its own, or with an aggregationRule those of the ClusterRoles it selects.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PolicyRule>> ClusterRoleRules { get; }

    public static RbacSnapshot Build(IEnumerable<Role> roles, IEnumerable<ClusterRole> clusterRoles, IEnumerable<RoleBinding> roleBindings,
        IEnumerable<ClusterRoleBinding> clusterRoleBindings)
    {
        var clusterRoleRules = Aggregation.EffectiveRules([.. clusterRoles]);
        var roleRules = roles.ToDictionary(r => (r.Metadata.Namespace ?? "", r.Metadata.Name ?? ""), r => (IReadOnlyList<PolicyRule>)(r.Rules ?? []));

        var clusterGrants = new Dictionary<string, List<Grant>>(StringComparer.Ordinal);
        foreach (var binding in clusterRoleBindings)
        {
            var name = binding.Metadata.Name ?? "";
            var (rules, error) = Resolve(binding.RoleRef, "", clusterRoleRules, roleRules);
            foreach (var subject in binding.Subjects ?? [])
            {
                if (SubjectKey(subject, "") is not { } key) continue;
                Add(clusterGrants, key, new Grant($"ClusterRoleBinding \"{name}\" of ClusterRole \"{binding.RoleRef.Name}\" to {Describe(subject)}", rules, error));
            }
        }

        var namespaceGrants = new Dictionary<(string, string), List<Grant>>();
        foreach (var binding in roleBindings)
        {
            var (name, ns) = (binding.Metadata.Name ?? "", binding.Metadata.Namespace ?? "");
            var (rules, error) = Resolve(binding.RoleRef, ns, clusterRoleRules, roleRules);
            foreach (var subject in binding.Subjects ?? [])
            {
                if (SubjectKey(subject, ns) is not { } key) continue;
                Add(namespaceGrants, (ns, key),
                    new Grant($"RoleBinding \"{name}/{ns}\" of {binding.RoleRef.Kind} \"{binding.RoleRef.Name}\" to {Describe(subject)}", rules, error));
            }
        }
        return new RbacSnapshot(clusterGrants, namespaceGrants, clusterRoleRules, roleRules);
    }

    /// <summary>The rules a binding in <paramref name="bindingNamespace"/> ("" for a ClusterRoleBinding) would grant
    /// through <paramref name="roleRef"/>; null when the role does not exist.</summary>
    public IReadOnlyList<PolicyRule>? RulesOf(RoleRef roleRef, string bindingNamespace)
    {
        var (rules, error) = Resolve(roleRef, bindingNamespace, ClusterRoleRules, _roleRules);
        return error is null ? rules : null;
    }

    /// <summary>Every grant that applies to <paramref name="user"/> with <paramref name="groups"/> in <paramref name="namespace"/>
    /// ("" for the cluster scope): the cluster-wide ones first, then the namespace's.</summary>
    public IEnumerable<Grant> GrantsFor(string user, IReadOnlyList<string> groups, string @namespace)
    {
        foreach (var key in Keys(user, groups))
        {
            if (_clusterGrants.TryGetValue(key, out var grants)) foreach (var grant in grants) yield return grant;
        }
        if (@namespace.Length == 0) yield break;
        foreach (var key in Keys(user, groups))
        {
            if (_namespaceGrants.TryGetValue((@namespace, key), out var grants)) foreach (var grant in grants) yield return grant;
        }
    }

    /// <summary>Kubernetes' RBAC decision: allowed by the first rule that covers the request; otherwise denied, with the
    /// reasons of bindings whose role could not be found (Kubernetes says nothing more).</summary>
    public Decision Authorize(AccessRequest request)
    {
        List<string>? errors = null;
        foreach (var grant in GrantsFor(request.User, request.Groups, request.Namespace))
        {
            foreach (var rule in grant.Rules)
            {
                if (RuleMatching.Allows(rule, request)) return new Decision(true, $"RBAC: allowed by {grant.Source}");
            }
            if (grant.Error is { } error) (errors ??= []).Add(error);
        }
        return Decision.Deny(errors is null ? "" : $"RBAC: {Aggregate(errors)}");
    }

    private static IEnumerable<string> Keys(string user, IReadOnlyList<string> groups)
    {
        yield return UserKey(user);
        foreach (var group in groups) yield return GroupKey(group);
    }

    private static string UserKey(string user) => "u:" + user;
    private static string GroupKey(string group) => "g:" + group;

    // A service account subject is the user it authenticates as; in a RoleBinding its namespace defaults to the binding's.
    private static string? SubjectKey(Subject subject, string bindingNamespace) => subject.Kind switch
    {
        RbacNames.UserKind => UserKey(subject.Name),
        RbacNames.GroupKind => GroupKey(subject.Name),
        RbacNames.ServiceAccountKind => UserKey(RbacNames.ServiceAccountUser(
            string.IsNullOrEmpty(subject.Namespace) ? bindingNamespace : subject.Namespace, subject.Name)),
        _ => null,
    };

    private static string Describe(Subject subject) => subject.Kind == RbacNames.ServiceAccountKind
        ? $"ServiceAccount \"{subject.Name}/{subject.Namespace}\""
        : $"{subject.Kind} \"{subject.Name}\"";

    private static (IReadOnlyList<PolicyRule> Rules, string? Error) Resolve(RoleRef roleRef, string bindingNamespace,
        IReadOnlyDictionary<string, IReadOnlyList<PolicyRule>> clusterRoleRules, Dictionary<(string, string), IReadOnlyList<PolicyRule>> roleRules)
    {
        if (roleRef.Kind == "ClusterRole")
        {
            return clusterRoleRules.TryGetValue(roleRef.Name, out var rules)
                ? (rules, null)
                : ([], $"clusterrole.rbac.authorization.k8s.io \"{roleRef.Name}\" not found");
        }
        return roleRules.TryGetValue((bindingNamespace, roleRef.Name), out var own)
            ? (own, null)
            : ([], $"role.rbac.authorization.k8s.io \"{roleRef.Name}\" not found");
    }

    private static void Add<TKey>(Dictionary<TKey, List<Grant>> index, TKey key, Grant grant) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var grants)) index[key] = grants = [];
        grants.Add(grant);
    }

    private static string Aggregate(List<string> errors) => errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors.Distinct()) + "]";
}
