using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' node rules: a DNS-1123 subdomain name, valid taints, parseable capacity.</summary>
public static class NodeValidation
{
    public static IReadOnlyList<FieldError> ValidateCreate(Node node)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(node.Metadata, requiresNamespace: false, NameValidation.NameIsDnsSubdomain));
        errors.AddRange(ValidateSpec(node.Spec));
        errors.AddRange(ValidateStatus(node.Status));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(Node old, Node updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        errors.AddRange(ValidateSpec(updated.Spec));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateStatus(NodeStatus? status)
    {
        var errors = new List<FieldError>();
        foreach (var (field, resources) in new[] { ("capacity", status?.Capacity), ("allocatable", status?.Allocatable) })
        {
            foreach (var (name, value) in resources ?? [])
            {
                var path = FieldPath.Root("status").Child(field).Key(name);
                if (!Quantity.TryParse(value, out var quantity, out var error)) errors.Add(FieldError.Invalid(path, value, error ?? "must be a quantity"));
                else if (quantity.Sign < 0) errors.Add(FieldError.Invalid(path, value, "must be greater than or equal to 0"));
            }
        }
        return errors;
    }

    private static IEnumerable<FieldError> ValidateSpec(NodeSpec spec)
    {
        var seen = new HashSet<(string, string)>();
        var taints = spec.Taints ?? [];
        for (var i = 0; i < taints.Count; i++)
        {
            var taint = taints[i];
            var path = FieldPath.Root("spec").Child("taints").Index(i);
            foreach (var message in NameValidation.IsQualifiedName(taint.Key)) yield return FieldError.Invalid(path.Child("key"), taint.Key, message);
            if (taint.Value is { Length: > 0 } value)
                foreach (var message in NameValidation.IsValidLabelValue(value)) yield return FieldError.Invalid(path.Child("value"), value, message);
            if (!SchedulingValidation.TaintEffects.Contains(taint.Effect))
                yield return FieldError.NotSupported(path.Child("effect"), taint.Effect, SchedulingValidation.TaintEffects);
            if (!seen.Add((taint.Key, taint.Effect)))
                yield return FieldError.Duplicate(path, $"{taint.Key}:{taint.Effect}");
        }
    }
}
