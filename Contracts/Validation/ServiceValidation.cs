using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' Service rules (pkg/apis/core/validation), for the types served here: ClusterIP and NodePort.
/// There are no virtual IPs, so <c>clusterIP</c> is either unset or "None" (headless).</summary>
public static class ServiceValidation
{
    private static readonly string[] Types = [ServiceTypes.ClusterIP, ServiceTypes.NodePort];
    private static readonly string[] Affinities = ["None", "ClientIP"];

    public static IReadOnlyList<FieldError> ValidateCreate(Service service)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(service.Metadata, requiresNamespace: true, NameValidation.NameIsDns1035Label));
        errors.AddRange(ValidateSpec(service.Spec, FieldPath.Root("spec")));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(Service old, Service updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        errors.AddRange(ValidateSpec(updated.Spec, FieldPath.Root("spec")));
        if ((old.Spec.ClusterIP == "None") != (updated.Spec.ClusterIP == "None"))
            errors.Add(FieldError.Invalid(FieldPath.Root("spec").Child("clusterIP"), updated.Spec.ClusterIP ?? "", ObjectMetaValidation.FieldImmutable));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateSpec(ServiceSpec spec, FieldPath root)
    {
        var errors = new List<FieldError>();
        var type = spec.Type ?? ServiceTypes.ClusterIP;
        if (!Types.Contains(type)) errors.Add(FieldError.NotSupported(root.Child("type"), type, Types));
        if (spec.ClusterIP is { Length: > 0 } clusterIP && clusterIP != "None")
            errors.Add(FieldError.Invalid(root.Child("clusterIP"), clusterIP, "only \"None\" (a headless service) may be given: services are reached by name, not by a virtual IP"));
        if (spec.ClusterIP == "None" && type == ServiceTypes.NodePort)
            errors.Add(FieldError.Invalid(root.Child("type"), type, "may not be NodePort when `clusterIP` is None"));
        errors.AddRange(ObjectMetaValidation.ValidateLabels(spec.Selector, root.Child("selector")));
        var affinity = spec.SessionAffinity ?? "None";
        if (!Affinities.Contains(affinity)) errors.Add(FieldError.NotSupported(root.Child("sessionAffinity"), affinity, Affinities));
        if (spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds is { } timeout)
        {
            var path = root.Child("sessionAffinityConfig").Child("clientIP").Child("timeoutSeconds");
            if (affinity != "ClientIP") errors.Add(FieldError.Forbidden(path, "must not be set when `sessionAffinity` is None"));
            else if (timeout is <= 0 or > 86400) errors.Add(FieldError.Invalid(path, timeout, "must be greater than 0 and less than 86400"));
        }

        var ports = spec.Ports ?? [];
        var portsPath = root.Child("ports");
        if (ports.Count == 0 && spec.ClusterIP != "None") errors.Add(FieldError.Required(portsPath));
        var names = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<(int, string)>();
        var nodePorts = new HashSet<(int, string)>();
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var path = portsPath.Index(i);
            if (ports.Count > 1 && string.IsNullOrEmpty(port.Name)) errors.Add(FieldError.Required(path.Child("name")));
            else if (!string.IsNullOrEmpty(port.Name))
            {
                foreach (var message in NameValidation.IsDns1123Label(port.Name)) errors.Add(FieldError.Invalid(path.Child("name"), port.Name, message));
                if (!names.Add(port.Name)) errors.Add(FieldError.Duplicate(path.Child("name"), port.Name));
            }
            foreach (var message in NameValidation.IsValidPortNum(port.Port)) errors.Add(FieldError.Invalid(path.Child("port"), port.Port, message));
            var protocol = port.Protocol ?? "TCP";
            if (!ContainerValidation.Protocols.Contains(protocol)) errors.Add(FieldError.NotSupported(path.Child("protocol"), protocol, ContainerValidation.Protocols));
            else if (!keys.Add((port.Port, protocol))) errors.Add(FieldError.Duplicate(path, $"{port.Port}/{protocol}"));
            if (port.TargetPort is { } target) ContainerValidation.ValidatePortNumOrName(target, path.Child("targetPort"), errors);
            if (port.NodePort is { } nodePort)
            {
                var nodePortPath = path.Child("nodePort");
                if (type != ServiceTypes.NodePort)
                    errors.Add(FieldError.Forbidden(nodePortPath, $"may not be used when `type` is '{type}'"));
                else if (nodePort is < NodePortRange.First or > NodePortRange.Last)
                    errors.Add(FieldError.Invalid(nodePortPath, nodePort,
                        $"provided port is not in the valid range. The range of valid ports is {NodePortRange.First}-{NodePortRange.Last}"));
                else if (!nodePorts.Add((nodePort, protocol)))
                    errors.Add(FieldError.Duplicate(nodePortPath, nodePort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        return errors;
    }
}
