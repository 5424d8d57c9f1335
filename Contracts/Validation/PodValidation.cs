using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' pod rules on create and update (pkg/apis/core/validation). Fields that defaulting fills
/// (restartPolicy, dnsPolicy, protocols, pull policies) are accepted when unset, so the result is the same
/// whether or not <see cref="Defaulting.PodDefaults"/> ran first.</summary>
public static class PodValidation
{
    public static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    public static readonly string[] DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    public static readonly string[] PreemptionPolicies = ["Never", "PreemptLowerPriority"];
    public static readonly string[] HostPathTypes = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];

    public static IReadOnlyList<FieldError> ValidateCreate(Pod pod)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(pod.Metadata, requiresNamespace: true, NameValidation.NameIsDnsSubdomain));
        errors.AddRange(ValidateSpec(pod.Spec));
        return errors;
    }

    /// <summary>The update rules: metadata, the new pod as a whole, and the few spec fields a pod update may change.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(Pod old, Pod updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        errors.AddRange(ValidateCreate(updated));
        PodUpdateValidation.Validate(old.Spec, updated.Spec, errors);
        return errors.Distinct().ToList();
    }

    /// <summary>The spec rules alone, for a pod or a pod template at <paramref name="path"/>.</summary>
    public static IReadOnlyList<FieldError> ValidateSpec(PodSpec spec, string path = "spec")
    {
        var errors = new List<FieldError>();
        var root = FieldPath.Root(path);
        var volumes = ValidateVolumes(spec.Volumes, root.Child("volumes"), errors);
        ContainerValidation.ValidateContainers(spec.Containers, volumes, root.Child("containers"), errors);
        ContainerValidation.ValidateInitContainers(spec.InitContainers, spec.Containers, volumes, root.Child("initContainers"), errors);
        OneOf(errors, root.Child("restartPolicy"), spec.RestartPolicy, RestartPolicies);
        OneOf(errors, root.Child("dnsPolicy"), spec.DnsPolicy, DnsPolicies);
        errors.AddRange(ObjectMetaValidation.ValidateLabels(spec.NodeSelector, root.Child("nodeSelector")));
        ValidateHostNetwork(spec, root, errors);
        errors.AddRange(SchedulingValidation.ValidateAffinity(spec.Affinity, root.Child("affinity")));
        Name(errors, root.Child("serviceAccountName"), spec.ServiceAccountName, NameValidation.NameIsDnsSubdomain);
        Name(errors, root.Child("nodeName"), spec.NodeName, NameValidation.NameIsDnsSubdomain);

        if (spec.ActiveDeadlineSeconds is { } deadline && deadline is < 1 or > int.MaxValue)
        {
            errors.Add(FieldError.Invalid(root.Child("activeDeadlineSeconds"), deadline, NameValidation.InclusiveRangeError(1, int.MaxValue)));
        }
        if (spec.TerminationGracePeriodSeconds is < 0)
        {
            errors.Add(FieldError.Invalid(root.Child("terminationGracePeriodSeconds"), spec.TerminationGracePeriodSeconds.Value, ObjectMetaValidation.NegativeNumber));
        }
        Name(errors, root.Child("hostname"), spec.Hostname, (n, _) => NameValidation.IsDns1123Label(n));
        Name(errors, root.Child("subdomain"), spec.Subdomain, (n, _) => NameValidation.IsDns1123Label(n));
        errors.AddRange(SchedulingValidation.ValidateTolerations(spec.Tolerations, root.Child("tolerations")));
        Name(errors, root.Child("priorityClassName"), spec.PriorityClassName, NameValidation.NameIsDnsSubdomain);
        OneOf(errors, root.Child("preemptionPolicy"), spec.PreemptionPolicy, PreemptionPolicies);
        return errors;
    }

    private static HashSet<string> ValidateVolumes(List<Volume>? volumes, FieldPath path, List<FieldError> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (volumes?.Count ?? 0); i++)
        {
            var volume = volumes![i];
            var at = path.Index(i);
            var sources = 0;
            foreach (var (source, field) in new (object?, string)[] { (volume.EmptyDir, "emptyDir"), (volume.HostPath, "hostPath"), (volume.ConfigMap, "configMap"), (volume.Secret, "secret"), (volume.PersistentVolumeClaim, "persistentVolumeClaim") })
            {
                if (source is null) continue;
                if (sources++ > 0) errors.Add(FieldError.Forbidden(at.Child(field), "may not specify more than 1 volume type"));
            }
            if (volume.ConfigMap is { } configMap) ConfigVolumeValidation.ValidateConfigMap(configMap, at.Child("configMap"), errors);
            if (volume.Secret is { } secret) ConfigVolumeValidation.ValidateSecret(secret, at.Child("secret"), errors);
            if (volume.PersistentVolumeClaim is { } claim)
            {
                var claimAt = at.Child("persistentVolumeClaim").Child("claimName");
                if (claim.ClaimName.Length == 0) errors.Add(FieldError.Required(claimAt));
            }
            if (volume.EmptyDir?.SizeLimit is { } size)
            {
                var sizePath = at.Child("emptyDir").Child("sizeLimit");
                if (!Quantities.Quantity.TryParse(size, out var limit, out var error)) errors.Add(FieldError.Invalid(sizePath, size, error!));
                else if (limit.Sign < 0) errors.Add(FieldError.Forbidden(sizePath, "SizeLimit field must be a valid resource quantity"));
            }
            if (volume.HostPath is { } hostPath)
            {
                var hostPathAt = at.Child("hostPath");
                if (hostPath.Path.Length == 0) errors.Add(FieldError.Required(hostPathAt.Child("path")));
                else if (hostPath.Path.Replace('\\', '/').Split('/').Contains("..")) errors.Add(FieldError.Invalid(hostPathAt.Child("path"), hostPath.Path, "must not contain '..'"));
                if (hostPath.Type is { } type && !HostPathTypes.Contains(type)) errors.Add(FieldError.NotSupported(hostPathAt.Child("type"), type, HostPathTypes));
            }

            var namePath = at.Child("name");
            if (volume.Name.Length == 0) errors.Add(FieldError.Required(namePath));
            else
            {
                foreach (var message in NameValidation.IsDns1123Label(volume.Name)) errors.Add(FieldError.Invalid(namePath, volume.Name, message));
            }
            if (!names.Add(volume.Name)) errors.Add(FieldError.Duplicate(namePath, volume.Name));
        }
        return names;
    }

    private static void ValidateHostNetwork(PodSpec spec, FieldPath root, List<FieldError> errors)
    {
        if (spec.HostNetwork != true) return;
        for (var i = 0; i < spec.Containers.Count; i++)
        {
            var ports = spec.Containers[i].Ports ?? [];
            for (var j = 0; j < ports.Count; j++)
            {
                if (ports[j].HostPort is { } hostPort && hostPort != ports[j].Number)
                {
                    errors.Add(FieldError.Invalid(root.Child("containers").Index(i).Child("ports").Index(j).Child("containerPort"),
                        ports[j].Number, "must match `hostPort` when `hostNetwork` is true"));
                }
            }
        }
    }

    internal static void OneOf(List<FieldError> errors, string path, string? value, IReadOnlyList<string> supported)
    {
        if (!string.IsNullOrEmpty(value) && !supported.Contains(value)) errors.Add(FieldError.NotSupported(path, value, supported));
    }

    private static void Name(List<FieldError> errors, string path, string? value, NameValidator validate)
    {
        if (string.IsNullOrEmpty(value)) return;
        foreach (var message in validate(value, false)) errors.Add(FieldError.Invalid(path, value, message));
    }
}
