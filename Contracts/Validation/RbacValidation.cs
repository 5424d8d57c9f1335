using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' RBAC rules (pkg/apis/rbac/validation): names that are path segments, rules with verbs and
/// either resources with API groups or non-resource URLs (the latter only in ClusterRoles), bindings whose roleRef
/// names a Role or ClusterRole of rbac.authorization.k8s.io and never changes, and subjects of a known kind.</summary>
public static class RbacValidation
{
    public static IReadOnlyList<FieldError> ValidateRole(Role role)
    {
        var errors = new List<FieldError>(ObjectMetaValidation.ValidateCreate(role.Metadata, requiresNamespace: true, PathSegmentName));
        ValidateRules(role.Rules, namespaced: true, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateRoleUpdate(Role old, Role updated)
    {
        var errors = new List<FieldError>(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        ValidateRules(updated.Rules, namespaced: true, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateClusterRole(ClusterRole role)
    {
        var errors = new List<FieldError>(ObjectMetaValidation.ValidateCreate(role.Metadata, requiresNamespace: false, PathSegmentName));
        ValidateClusterRoleBody(role, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateClusterRoleUpdate(ClusterRole old, ClusterRole updated)
    {
        var errors = new List<FieldError>(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        ValidateClusterRoleBody(updated, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateRoleBinding(RoleBinding binding)
    {
        var errors = new List<FieldError>(ObjectMetaValidation.ValidateCreate(binding.Metadata, requiresNamespace: true, PathSegmentName));
        ValidateBinding(binding.RoleRef, binding.Subjects, namespaced: true, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateRoleBindingUpdate(RoleBinding old, RoleBinding updated)
    {
        var errors = new List<FieldError>(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        if (old.RoleRef != updated.RoleRef) errors.Add(RoleRefChanged(updated.RoleRef));
        ValidateBinding(updated.RoleRef, updated.Subjects, namespaced: true, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateClusterRoleBinding(ClusterRoleBinding binding)
    {
        var errors = new List<FieldError>(ObjectMetaValidation.ValidateCreate(binding.Metadata, requiresNamespace: false, PathSegmentName));
        ValidateBinding(binding.RoleRef, binding.Subjects, namespaced: false, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateClusterRoleBindingUpdate(ClusterRoleBinding old, ClusterRoleBinding updated)
    {
        var errors = new List<FieldError>(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        if (old.RoleRef != updated.RoleRef) errors.Add(RoleRefChanged(updated.RoleRef));
        ValidateBinding(updated.RoleRef, updated.Subjects, namespaced: false, errors);
        return errors;
    }

    /// <summary>Kubernetes' path segment names: anything but "." and "..", without "/" or "%".</summary>
    public static IReadOnlyList<string> PathSegmentName(string name, bool prefix)
    {
        var errors = new List<string>();
        if (!prefix && name is "." or "..") errors.Add($"may not be '{name}'");
        foreach (var illegal in (string[])["/", "%"])
        {
            if (name.Contains(illegal, StringComparison.Ordinal)) errors.Add($"may not contain '{illegal}'");
        }
        return errors;
    }

    private static FieldError RoleRefChanged(RoleRef roleRef) =>
        FieldError.Invalid("roleRef", $"{{APIGroup:{roleRef.ApiGroup} Kind:{roleRef.Kind} Name:{roleRef.Name}}}", "cannot change roleRef");

    private static void ValidateClusterRoleBody(ClusterRole role, List<FieldError> errors)
    {
        ValidateRules(role.Rules, namespaced: false, errors);
        if (role.AggregationRule is not { } aggregation) return;
        var selectors = FieldPath.Root("aggregationRule").Child("clusterRoleSelectors");
        if ((aggregation.ClusterRoleSelectors?.Count ?? 0) == 0)
        {
            errors.Add(FieldError.Required(selectors, "at least one clusterRoleSelector required if aggregationRule is non-nil"));
            return;
        }
        for (var i = 0; i < aggregation.ClusterRoleSelectors!.Count; i++)
        {
            var spec = aggregation.ClusterRoleSelectors[i];
            if (!spec.TryToSelector(out _, out var error))
                errors.Add(FieldError.Invalid(selectors.Index(i), null, error ?? "invalid label selector"));
            else errors.AddRange(ObjectMetaValidation.ValidateLabels(spec.MatchLabels, selectors.Index(i).Child("matchLabels")));
        }
    }

    private static void ValidateRules(List<PolicyRule>? rules, bool namespaced, List<FieldError> errors)
    {
        for (var i = 0; i < (rules?.Count ?? 0); i++) ValidateRule(rules![i], namespaced, FieldPath.Root("rules").Index(i), errors);
    }

    /// <summary>One rule, as Kubernetes' ValidatePolicyRule.</summary>
    public static void ValidateRule(PolicyRule rule, bool namespaced, FieldPath path, List<FieldError> errors)
    {
        if (rule.Verbs.Count == 0) errors.Add(FieldError.Required(path.Child("verbs"), "verbs must contain at least one value"));
        if (rule.NonResourceURLs is { Count: > 0 } urls)
        {
            var shown = "[" + string.Join(" ", urls) + "]";
            if (namespaced) errors.Add(FieldError.Invalid(path.Child("nonResourceURLs"), shown, "namespaced rules cannot apply to non-resource URLs"));
            if ((rule.ApiGroups?.Count ?? 0) > 0 || (rule.Resources?.Count ?? 0) > 0)
                errors.Add(FieldError.Invalid(path.Child("nonResourceURLs"), shown, "rules cannot apply to both regular resources and non-resource URLs"));
            return;
        }
        if ((rule.ApiGroups?.Count ?? 0) == 0) errors.Add(FieldError.Required(path.Child("apiGroups"), "resource rules must supply at least one api group"));
        if ((rule.Resources?.Count ?? 0) == 0) errors.Add(FieldError.Required(path.Child("resources"), "resource rules must supply at least one resource"));
    }

    private static void ValidateBinding(RoleRef roleRef, List<Subject>? subjects, bool namespaced, List<FieldError> errors)
    {
        var roleRefPath = FieldPath.Root("roleRef");
        if (roleRef.ApiGroup != RbacNames.Group) errors.Add(FieldError.NotSupported(roleRefPath.Child("apiGroup"), roleRef.ApiGroup, [RbacNames.Group]));
        if (namespaced && roleRef.Kind is not ("Role" or "ClusterRole"))
            errors.Add(FieldError.NotSupported(roleRefPath.Child("kind"), roleRef.Kind, ["Role", "ClusterRole"]));
        if (!namespaced && roleRef.Kind != "ClusterRole") errors.Add(FieldError.NotSupported(roleRefPath.Child("kind"), roleRef.Kind, ["ClusterRole"]));
        if (roleRef.Name.Length == 0) errors.Add(FieldError.Required(roleRefPath.Child("name")));
        else
        {
            foreach (var message in PathSegmentName(roleRef.Name, prefix: false))
                errors.Add(FieldError.Invalid(roleRefPath.Child("name"), roleRef.Name, message));
        }
        for (var i = 0; i < (subjects?.Count ?? 0); i++) ValidateSubject(subjects![i], namespaced, FieldPath.Root("subjects").Index(i), errors);
    }

    private static void ValidateSubject(Subject subject, bool namespaced, FieldPath path, List<FieldError> errors)
    {
        if (subject.Name.Length == 0) errors.Add(FieldError.Required(path.Child("name")));
        switch (subject.Kind)
        {
            case RbacNames.ServiceAccountKind:
                if (subject.Name.Length > 0)
                {
                    foreach (var message in NameValidation.NameIsDnsSubdomain(subject.Name, false))
                        errors.Add(FieldError.Invalid(path.Child("name"), subject.Name, message));
                }
                if (!string.IsNullOrEmpty(subject.ApiGroup)) errors.Add(FieldError.NotSupported(path.Child("apiGroup"), subject.ApiGroup, [""]));
                if (!namespaced && string.IsNullOrEmpty(subject.Namespace)) errors.Add(FieldError.Required(path.Child("namespace")));
                break;
            case RbacNames.UserKind or RbacNames.GroupKind:
                if (subject.ApiGroup != RbacNames.Group) errors.Add(FieldError.NotSupported(path.Child("apiGroup"), subject.ApiGroup, [RbacNames.Group]));
                break;
            default:
                errors.Add(FieldError.NotSupported(path.Child("kind"), subject.Kind, [RbacNames.ServiceAccountKind, RbacNames.UserKind, RbacNames.GroupKind]));
                break;
        }
    }

    /// <summary>v1 defaulting of a subject's apiGroup: rbac.authorization.k8s.io for users and groups.</summary>
    public static Subject WithDefaults(Subject subject) => subject.Kind switch
    {
        RbacNames.UserKind or RbacNames.GroupKind when string.IsNullOrEmpty(subject.ApiGroup) => subject with { ApiGroup = RbacNames.Group },
        _ => subject,
    };
}
