using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' pod-update rule: only images, activeDeadlineSeconds and added tolerations may change.</summary>
internal static class PodUpdateValidation
{
    public const string UpdatableFields =
        "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`," +
        "`spec.tolerations` (only additions to existing tolerations)," +
        "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    private const int MaxListedChanges = 10;

    public static void Validate(PodSpec old, PodSpec updated, List<FieldError> errors)
    {
        var spec = FieldPath.Root("spec");
        if (!SameContainerCount(old.Containers, updated.Containers, spec.Child("containers"), errors)) return;
        if (!SameContainerCount(old.InitContainers, updated.InitContainers, spec.Child("initContainers"), errors)) return;
        if (!ValidateDeadline(old.ActiveDeadlineSeconds, updated.ActiveDeadlineSeconds, spec.Child("activeDeadlineSeconds"), errors)) return;
        ValidateOnlyAddedTolerations(old.Tolerations, updated.Tolerations, spec.Child("tolerations"), errors);

        var grace = old.TerminationGracePeriodSeconds is < 0 && updated.TerminationGracePeriodSeconds == 1
            ? old.TerminationGracePeriodSeconds
            : updated.TerminationGracePeriodSeconds;
        var munged = updated with
        {
            Containers = updated.Containers.Select((c, i) => c with { Image = old.Containers[i].Image }).ToList(),
            InitContainers = updated.InitContainers?.Select((c, i) => c with { Image = old.InitContainers![i].Image }).ToList(),
            ActiveDeadlineSeconds = old.ActiveDeadlineSeconds,
            Tolerations = old.Tolerations,
            TerminationGracePeriodSeconds = grace,
        };
        var changes = new List<string>();
        Diff(Normalize(old), Normalize(munged), "spec", changes);
        if (changes.Count == 0) return;
        var listed = string.Join(", ", changes.Take(MaxListedChanges)) + (changes.Count > MaxListedChanges ? ", ..." : "");
        errors.Add(FieldError.Forbidden(spec, $"pod updates may not change fields other than {UpdatableFields}\n  changed: {listed}"));
    }

    private static bool SameContainerCount(List<Container>? old, List<Container>? updated, FieldPath path, List<FieldError> errors)
    {
        if ((old?.Count ?? 0) == (updated?.Count ?? 0)) return true;
        errors.Add(FieldError.Forbidden(path, "pod updates may not add or remove containers"));
        return false;
    }

    // Two changes are allowed: from unset to a positive value, and from a value to a smaller non-negative one.
    private static bool ValidateDeadline(long? old, long? updated, FieldPath path, List<FieldError> errors)
    {
        if (updated is { } value)
        {
            if (value is < 0 or > int.MaxValue)
            {
                errors.Add(FieldError.Invalid(path, value, NameValidation.InclusiveRangeError(0, int.MaxValue)));
                return false;
            }
            if (old is { } previous && previous < value)
            {
                errors.Add(FieldError.Invalid(path, value, "must be less than or equal to previous value"));
                return false;
            }
        }
        else if (old is not null)
        {
            errors.Add(FieldError.InvalidLiteral(path, "null", "must not update from a positive integer to nil value"));
        }
        return true;
    }

    // Every old toleration must still be there; only its tolerationSeconds may change.
    private static void ValidateOnlyAddedTolerations(List<Toleration>? old, List<Toleration>? updated, FieldPath path, List<FieldError> errors)
    {
        foreach (var previous in old ?? [])
        {
            if (!(updated ?? []).Any(t => t == previous with { TolerationSeconds = t.TolerationSeconds }))
            {
                errors.Add(FieldError.Forbidden(path, "existing toleration can not be modified except its tolerationSeconds"));
                return;
            }
        }
    }

    // Kubernetes compares specs semantically: an empty list or map equals an absent one, quantities compare by value.
    private static JsonNode? Normalize(PodSpec spec)
    {
        var node = JsonSerializer.SerializeToNode(spec, KubeJson.Options);
        Prune(node);
        foreach (var list in new[] { "containers", "initContainers" })
        {
            if (node?[list] is not JsonArray containers) continue;
            foreach (var resources in containers.Select(c => c?["resources"]).OfType<JsonObject>())
            {
                foreach (var kind in new[] { "requests", "limits" })
                {
                    if (resources[kind] is not JsonObject quantities) continue;
                    foreach (var name in quantities.Select(p => p.Key).ToList())
                    {
                        var text = quantities[name]?.GetValue<string>();
                        if (Quantity.TryParse(text, out var quantity)) quantities[name] = quantity.ToString();
                    }
                }
            }
        }
        return node;
    }

    private static void Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    Prune(value);
                    if (value is null || value is JsonArray { Count: 0 } || value is JsonObject { Count: 0 }) obj.Remove(key);
                }
                break;
            case JsonArray array:
                foreach (var item in array) Prune(item);
                break;
        }
    }

    private static void Diff(JsonNode? a, JsonNode? b, string path, List<string> changes)
    {
        if (JsonNode.DeepEquals(a, b)) return;
        if (a is JsonObject left && b is JsonObject right)
        {
            foreach (var key in left.Select(p => p.Key).Union(right.Select(p => p.Key)))
            {
                Diff(left[key], right[key], $"{path}.{key}", changes);
            }
        }
        else if (a is JsonArray leftItems && b is JsonArray rightItems && leftItems.Count == rightItems.Count)
        {
            for (var i = 0; i < leftItems.Count; i++) Diff(leftItems[i], rightItems[i], $"{path}[{i}]", changes);
        }
        else changes.Add(path);
    }
}
