using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' PersistentVolume rules (ValidatePersistentVolume*): a positive storage capacity and nothing else,
/// at least one supported access mode (ReadWriteOncePod alone), supported reclaim policy and volume mode, a class that is
/// a DNS subdomain, exactly one source (hostPath or local; local needs node affinity); the source and the volume mode never
/// change, nor a node affinity once set.</summary>
public static class PersistentVolumeValidation
{
    public const string NotPositive = "must be greater than zero";
    public const string OneVolumeType = "may not specify more than 1 volume type";
    public const string SourceImmutable = "spec.persistentvolumesource is immutable after creation";

    public static IReadOnlyList<FieldError> ValidateCreate(PersistentVolume volume)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(volume.Metadata, requiresNamespace: false, NameValidation.NameIsDnsSubdomain));
        ValidateSpec(volume.Spec, FieldPath.Root("spec"), errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(PersistentVolume old, PersistentVolume updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        ValidateSpec(updated.Spec, FieldPath.Root("spec"), errors);
        if (!Serialization.KubeJson.Equal(old.Spec.HostPath, updated.Spec.HostPath) || !Serialization.KubeJson.Equal(old.Spec.Local, updated.Spec.Local))
            errors.Add(FieldError.Forbidden("spec.persistentvolumesource", SourceImmutable));
        if (old.Spec.VolumeMode != updated.Spec.VolumeMode)
            errors.Add(FieldError.Invalid("volumeMode", updated.Spec.VolumeMode, ObjectMetaValidation.FieldImmutable));
        if (old.Spec.NodeAffinity is not null && !Serialization.KubeJson.Equal(old.Spec.NodeAffinity, updated.Spec.NodeAffinity))
            errors.Add(FieldError.Invalid("nodeAffinity", WorkloadValidation.Describe(updated.Spec.NodeAffinity), ObjectMetaValidation.FieldImmutable) with { ValueIsLiteral = true });
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateStatus(PersistentVolume volume)
    {
        var errors = new List<FieldError>();
        if (volume.Status?.Phase is { Length: > 0 } phase && !PersistentVolumes.VolumePhases.Contains(phase))
            errors.Add(FieldError.NotSupported("status.phase", phase, PersistentVolumes.VolumePhases));
        return errors;
    }

    private static void ValidateSpec(PersistentVolumeSpec spec, FieldPath path, List<FieldError> errors)
    {
        StorageValidation.ValidateAccessModes(spec.AccessModes, path.Child("accessModes"), "", errors);
        ValidateCapacity(spec.Capacity, path.Child("capacity"), errors);
        if (spec.PersistentVolumeReclaimPolicy is { Length: > 0 } policy && !PersistentVolumes.VolumeReclaimPolicies.Contains(policy))
            errors.Add(FieldError.NotSupported(path.Child("persistentVolumeReclaimPolicy"), policy, PersistentVolumes.VolumeReclaimPolicies));
        StorageValidation.ValidateClassName(spec.StorageClassName, path.Child("storageClassName"), errors);
        StorageValidation.ValidateVolumeMode(spec.VolumeMode, path.Child("volumeMode"), errors);

        var nodeAffinity = false;
        if (spec.NodeAffinity is { } affinity)
        {
            var requiredPath = path.Child("nodeAffinity").Child("required");
            if (affinity.Required is not { } required) errors.Add(FieldError.Required(requiredPath, "must specify required node constraints"));
            else
            {
                nodeAffinity = true;
                var termsPath = requiredPath.Child("nodeSelectorTerms");
                if (required.NodeSelectorTerms.Count == 0) errors.Add(FieldError.Required(termsPath, "must have at least one node selector term"));
                for (var i = 0; i < required.NodeSelectorTerms.Count; i++)
                {
                    var expressions = required.NodeSelectorTerms[i].MatchExpressions ?? [];
                    for (var j = 0; j < expressions.Count; j++)
                        errors.AddRange(SchedulingValidation.ValidateNodeSelectorRequirement(expressions[j], termsPath.Index(i).Child("matchExpressions").Index(j)));
                }
            }
        }

        var sources = 0;
        if (spec.HostPath is { } hostPath)
        {
            sources++;
            var hostPathAt = path.Child("hostPath");
            StorageValidation.ValidateLocalPath(hostPath.Path, hostPathAt.Child("path"), errors);
            if (hostPath.Type is { } type && !PodValidation.HostPathTypes.Contains(type))
                errors.Add(FieldError.NotSupported(hostPathAt.Child("type"), type, PodValidation.HostPathTypes));
        }
        if (spec.Local is { } local)
        {
            if (sources > 0) errors.Add(FieldError.Forbidden(path.Child("local"), OneVolumeType));
            else
            {
                sources++;
                StorageValidation.ValidateLocalPath(local.Path, path.Child("local").Child("path"), errors);
                if (!nodeAffinity) errors.Add(FieldError.Required(path.Child("nodeAffinity"), "Local volume requires node affinity"));
            }
        }
        if (sources == 0) errors.Add(FieldError.Required(path, "must specify a volume type"));
    }

    private static void ValidateCapacity(Dictionary<string, string>? capacity, FieldPath path, List<FieldError> errors)
    {
        if (capacity is not { Count: > 0 })
        {
            errors.Add(FieldError.Required(path));
            return;
        }
        if (!capacity.ContainsKey("storage") || capacity.Count > 1)
            errors.Add(FieldError.NotSupported(path, string.Join(", ", capacity.Keys.Order(StringComparer.Ordinal)), ["storage"]));
        foreach (var (name, text) in capacity.OrderBy(p => p.Key, StringComparer.Ordinal))
            StorageValidation.ValidatePositiveQuantity(text, path.Key(name), errors);
    }
}
