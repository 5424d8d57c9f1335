using System.Net;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' Endpoints rules: addresses that are IPs, ports in range with protocol TCP, UDP or SCTP, and
/// port names that are DNS labels, unique in their subset and required once a subset has more than one port.</summary>
public static class EndpointsValidation
{
    public static IReadOnlyList<FieldError> ValidateCreate(Endpoints endpoints)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(endpoints.Metadata, requiresNamespace: true, NameValidation.NameIsDnsSubdomain));
        errors.AddRange(ValidateSubsets(endpoints.Subsets));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(Endpoints old, Endpoints updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        errors.AddRange(ValidateSubsets(updated.Subsets));
        return errors;
    }

    private static IEnumerable<FieldError> ValidateSubsets(List<EndpointSubset>? subsets)
    {
        var root = FieldPath.Root("subsets");
        for (var i = 0; i < (subsets?.Count ?? 0); i++)
        {
            var subset = subsets![i];
            var path = root.Index(i);
            if ((subset.Addresses?.Count ?? 0) + (subset.NotReadyAddresses?.Count ?? 0) == 0)
                yield return FieldError.Required(path, "must specify `addresses` or `notReadyAddresses`");
            foreach (var (list, field) in new[] { (subset.Addresses, "addresses"), (subset.NotReadyAddresses, "notReadyAddresses") })
            {
                for (var j = 0; j < (list?.Count ?? 0); j++)
                {
                    if (!IPAddress.TryParse(list![j].Ip, out _))
                        yield return FieldError.Invalid(path.Child(field).Index(j).Child("ip"), list[j].Ip, "must be a valid IP address");
                }
            }
            var ports = subset.Ports ?? [];
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < ports.Count; j++)
            {
                var port = ports[j];
                var portPath = path.Child("ports").Index(j);
                if (ports.Count > 1 && string.IsNullOrEmpty(port.Name)) yield return FieldError.Required(portPath.Child("name"));
                else if (!string.IsNullOrEmpty(port.Name))
                {
                    foreach (var message in NameValidation.IsDns1123Label(port.Name)) yield return FieldError.Invalid(portPath.Child("name"), port.Name, message);
                    if (!names.Add(port.Name)) yield return FieldError.Duplicate(portPath.Child("name"), port.Name);
                }
                foreach (var message in NameValidation.IsValidPortNum(port.Port)) yield return FieldError.Invalid(portPath.Child("port"), port.Port, message);
                if (port.Protocol is { } protocol && !ContainerValidation.Protocols.Contains(protocol)) yield return FieldError.NotSupported(portPath.Child("protocol"), protocol, ContainerValidation.Protocols);
            }
        }
    }
}
