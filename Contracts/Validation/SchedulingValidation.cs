using System.Text.Json;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' rules for tolerations and node affinity.</summary>
public static class SchedulingValidation
{
    public static readonly string[] TaintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
    public static readonly string[] TolerationOperators = ["Equal", "Exists"];

    public static IReadOnlyList<FieldError> ValidateTolerations(IReadOnlyList<Toleration>? tolerations, string path)
    {
        var errors = new List<FieldError>();
        var root = FieldPath.Root(path);
        for (var i = 0; i < (tolerations?.Count ?? 0); i++)
        {
            var toleration = tolerations![i];
            var at = root.Index(i);
            var key = toleration.Key ?? "";
            var op = toleration.Operator ?? "";
            var value = toleration.Value ?? "";
            var effect = toleration.Effect ?? "";
            if (key.Length > 0) errors.AddRange(ObjectMetaValidation.ValidateLabelName(key, at.Child("key")));
            if (key.Length == 0 && op != "Exists")
            {
                errors.Add(FieldError.Invalid(at.Child("operator"), op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            }
            if (toleration.TolerationSeconds is not null && effect != "NoExecute")
            {
                errors.Add(FieldError.Invalid(at.Child("effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
            }
            switch (op)
            {
                case "Equal" or "":
                    var messages = NameValidation.IsValidLabelValue(value);
                    if (messages.Count > 0) errors.Add(FieldError.Invalid(at.Child("operator"), value, string.Join(";", messages)));
                    break;
                case "Exists":
                    if (value.Length > 0)
                    {
                        errors.Add(FieldError.InvalidLiteral(at.Child("operator"), JsonSerializer.Serialize(toleration, Serialization.KubeJson.Options),
                            "value must be empty when `operator` is 'Exists'"));
                    }
                    break;
                default:
                    errors.Add(FieldError.NotSupported(at.Child("operator"), op, TolerationOperators));
                    break;
            }
            if (effect.Length > 0 && !TaintEffects.Contains(effect)) errors.Add(FieldError.NotSupported(at.Child("effect"), effect, TaintEffects));
        }
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateAffinity(Affinity? affinity, string path)
    {
        var errors = new List<FieldError>();
        if (affinity?.NodeAffinity is not { } nodeAffinity) return errors;
        var root = FieldPath.Root(path).Child("nodeAffinity");
        if (nodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution is { } required)
        {
            var termsPath = root.Child("requiredDuringSchedulingIgnoredDuringExecution").Child("nodeSelectorTerms");
            if (required.NodeSelectorTerms.Count == 0) errors.Add(FieldError.Required(termsPath, "must have at least one node selector term"));
            for (var i = 0; i < required.NodeSelectorTerms.Count; i++) ValidateTerm(required.NodeSelectorTerms[i], termsPath.Index(i), errors);
        }
        var preferred = nodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution ?? [];
        var preferredPath = root.Child("preferredDuringSchedulingIgnoredDuringExecution");
        for (var i = 0; i < preferred.Count; i++)
        {
            if (preferred[i].Weight is <= 0 or > 100)
            {
                errors.Add(FieldError.Invalid(preferredPath.Index(i).Child("weight"), preferred[i].Weight, "must be in the range 1-100"));
            }
            ValidateTerm(preferred[i].Preference, preferredPath.Index(i).Child("preference"), errors);
        }
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateNodeSelectorRequirement(NodeSelectorRequirement requirement, string path)
    {
        var errors = new List<FieldError>();
        var root = FieldPath.Root(path);
        var count = requirement.Values?.Count ?? 0;
        switch (requirement.Operator)
        {
            case "In" or "NotIn":
                if (count == 0) errors.Add(FieldError.Required(root.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
                break;
            case "Exists" or "DoesNotExist":
                if (count > 0) errors.Add(FieldError.Forbidden(root.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                break;
            case "Gt" or "Lt":
                if (count != 1) errors.Add(FieldError.Required(root.Child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
                break;
            default:
                errors.Add(FieldError.Invalid(root.Child("operator"), requirement.Operator, "not a valid selector operator"));
                break;
        }
        errors.AddRange(ObjectMetaValidation.ValidateLabelName(requirement.Key, root.Child("key")));
        for (var i = 0; i < count; i++)
        {
            var value = requirement.Values![i];
            foreach (var message in NameValidation.IsValidLabelValue(value)) errors.Add(FieldError.Invalid(root.Child("values").Index(i), value, message));
        }
        return errors;
    }

    private static void ValidateTerm(NodeSelectorTerm term, FieldPath path, List<FieldError> errors)
    {
        var expressions = term.MatchExpressions ?? [];
        for (var i = 0; i < expressions.Count; i++)
        {
            errors.AddRange(ValidateNodeSelectorRequirement(expressions[i], path.Child("matchExpressions").Index(i)));
        }
        var fields = term.MatchFields ?? [];
        for (var i = 0; i < fields.Count; i++) ValidateFieldRequirement(fields[i], path.Child("matchFields").Index(i), errors);
    }

    // Node field selectors support only metadata.name, with In or NotIn and exactly one value.
    private static void ValidateFieldRequirement(NodeSelectorRequirement requirement, FieldPath path, List<FieldError> errors)
    {
        if (requirement.Operator is "In" or "NotIn")
        {
            if ((requirement.Values?.Count ?? 0) != 1)
            {
                errors.Add(FieldError.Required(path.Child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
            }
        }
        else errors.Add(FieldError.Invalid(path.Child("operator"), requirement.Operator, "not a valid selector operator"));

        if (requirement.Key != "metadata.name")
        {
            errors.Add(FieldError.Invalid(path.Child("key"), requirement.Key, "not a valid field selector key"));
            return;
        }
        var values = requirement.Values ?? [];
        for (var i = 0; i < values.Count; i++)
        {
            foreach (var message in NameValidation.NameIsDnsSubdomain(values[i], false)) errors.Add(FieldError.Invalid(path.Child("values").Index(i), values[i], message));
        }
    }
}
