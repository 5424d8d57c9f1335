using System.Globalization;
using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.Workloads;

/// <summary>The stable identity of a StatefulSet's members (Kubernetes' stateful_set_utils.go): the pod of ordinal i is
/// <c>{set}-{i}</c>, its hostname is its name and its subdomain the set's serviceName, and each volume claim template
/// gives it the claim <c>{template}-{set}-{i}</c>, mounted as a volume named as the template.</summary>
public static class StatefulSetIdentity
{
    public const string PodNameLabel = "statefulset.kubernetes.io/pod-name";
    public const string PodIndexLabel = "apps.kubernetes.io/pod-index";
    public const string RevisionLabel = "controller-revision-hash";

    public static int StartOrdinal(StatefulSet set) => set.Spec.Ordinals?.Start ?? 0;

    public static int Replicas(StatefulSet set) => set.Spec.Replicas ?? 1;

    public static string PodName(StatefulSet set, int ordinal) => $"{set.Metadata.Name}-{ordinal.ToString(CultureInfo.InvariantCulture)}";

    public static string ClaimName(PersistentVolumeClaim template, StatefulSet set, int ordinal) =>
        $"{template.Metadata.Name}-{PodName(set, ordinal)}";

    /// <summary>The ordinal in a member's name (<c>{set}-{ordinal}</c>, decimal digits without a sign), or null when the
    /// name is not a member's name of this set.</summary>
    public static int? OrdinalOf(StatefulSet set, string? podName)
    {
        var prefix = set.Metadata.Name + "-";
        if (podName is null || !podName.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var digits = podName[prefix.Length..];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || (digits.Length > 1 && digits[0] == '0')) return null;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) ? ordinal : null;
    }

    public static string? RevisionOf(Pod pod) => pod.Metadata.Labels?.GetValueOrDefault(RevisionLabel);

    /// <summary>The member of <paramref name="ordinal"/> as made from <paramref name="template"/> at
    /// <paramref name="revision"/>: owned by the set, with its identity labels, hostname, subdomain and claim volumes.</summary>
    public static Pod NewPod(StatefulSet set, PodTemplateSpec template, string revision, int ordinal)
    {
        var name = PodName(set, ordinal);
        var labels = new Dictionary<string, string>(template.Metadata?.Labels ?? [])
        {
            [PodNameLabel] = name,
            [PodIndexLabel] = ordinal.ToString(CultureInfo.InvariantCulture),
            [RevisionLabel] = revision,
        };
        return new Pod
        {
            Metadata = new ObjectMeta
            {
                Name = name,
                Namespace = set.Metadata.Namespace,
                Labels = labels,
                Annotations = template.Metadata?.Annotations is { } annotations ? new(annotations) : null,
                OwnerReferences = [Ownership.ControllerReference(set)],
            },
            Spec = template.Spec with
            {
                Hostname = name,
                Subdomain = string.IsNullOrEmpty(set.Spec.ServiceName) ? template.Spec.Subdomain : set.Spec.ServiceName,
                Volumes = Volumes(set, template.Spec.Volumes, ordinal),
            },
        };
    }

    /// <summary>The claims a member of <paramref name="ordinal"/> needs, as created when missing: named after the
    /// template, the set and the ordinal, with the template's spec and the set's selector labels.</summary>
    public static IEnumerable<PersistentVolumeClaim> Claims(StatefulSet set, int ordinal)
    {
        foreach (var template in set.Spec.VolumeClaimTemplates ?? [])
        {
            var labels = new Dictionary<string, string>(template.Metadata.Labels ?? []);
            foreach (var (key, value) in set.Spec.Selector?.MatchLabels ?? []) labels[key] = value;
            yield return new PersistentVolumeClaim
            {
                Metadata = new ObjectMeta
                {
                    Name = ClaimName(template, set, ordinal),
                    Namespace = set.Metadata.Namespace,
                    Labels = labels,
                    Annotations = template.Metadata.Annotations is { } annotations ? new(annotations) : null,
                },
                Spec = template.Spec,
            };
        }
    }

    // A volume of the template named as a claim template gives way to the claim (Kubernetes' updateStorage).
    private static List<Volume>? Volumes(StatefulSet set, List<Volume>? volumes, int ordinal)
    {
        var templates = set.Spec.VolumeClaimTemplates ?? [];
        if (templates.Count == 0) return volumes;
        var claimed = templates.Select(t => t.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        var result = (volumes ?? []).Where(v => !claimed.Contains(v.Name)).ToList();
        result.AddRange(templates.Select(t => new Volume
        {
            Name = t.Metadata.Name!,
            PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = ClaimName(t, set, ordinal) },
        }));
        return result;
    }
}
