using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' Ingress rules (pkg/apis/networking/validation): rules or a default backend; hosts that are
/// DNS names or one-label wildcards; paths that start with "/" and have a known pathType; backends that name a
/// Service and one port, by number or by name.</summary>
public static class IngressValidation
{
    private static readonly string[] PathTypeValues = [PathTypes.Exact, PathTypes.Prefix, PathTypes.ImplementationSpecific];

    public static IReadOnlyList<FieldError> ValidateCreate(Ingress ingress)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(ingress.Metadata, requiresNamespace: true, NameValidation.NameIsDnsSubdomain));
        errors.AddRange(ValidateSpec(ingress.Spec, FieldPath.Root("spec")));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(Ingress old, Ingress updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        errors.AddRange(ValidateSpec(updated.Spec, FieldPath.Root("spec")));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateSpec(IngressSpec spec, FieldPath root)
    {
        var errors = new List<FieldError>();
        if (spec.DefaultBackend is null && spec.Rules is not { Count: > 0 })
            errors.Add(FieldError.Invalid(root, "", "either `defaultBackend` or `rules` must be specified"));
        if (spec.DefaultBackend is { } fallback) errors.AddRange(ValidateBackend(fallback, root.Child("defaultBackend")));
        for (var i = 0; i < (spec.Rules?.Count ?? 0); i++)
        {
            var rule = spec.Rules![i];
            var path = root.Child("rules").Index(i);
            if (rule.Host is { Length: > 0 } host)
            {
                var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
                foreach (var message in NameValidation.IsDns1123Subdomain(name)) errors.Add(FieldError.Invalid(path.Child("host"), host, message));
                if (name.Contains('*')) errors.Add(FieldError.Invalid(path.Child("host"), host, "a wildcard may only be the first label (*.example.com)"));
            }
            if (rule.Http is not { } http) continue;
            if (http.Paths.Count == 0) errors.Add(FieldError.Required(path.Child("http").Child("paths")));
            for (var j = 0; j < http.Paths.Count; j++)
            {
                var entry = http.Paths[j];
                var entryPath = path.Child("http").Child("paths").Index(j);
                if (entry.PathType is null) errors.Add(FieldError.Required(entryPath.Child("pathType"), "pathType must be specified"));
                else if (!PathTypeValues.Contains(entry.PathType)) errors.Add(FieldError.NotSupported(entryPath.Child("pathType"), entry.PathType, PathTypeValues));
                if (entry.Path is not { Length: > 0 } value || value[0] != '/')
                    errors.Add(FieldError.Invalid(entryPath.Child("path"), entry.Path ?? "", "must be an absolute path"));
                errors.AddRange(ValidateBackend(entry.Backend, entryPath.Child("backend")));
            }
        }
        return errors;
    }

    private static IEnumerable<FieldError> ValidateBackend(IngressBackend backend, FieldPath path)
    {
        if (backend.Service is not { } service)
        {
            yield return FieldError.Required(path.Child("service"), "a backend names a Service");
            yield break;
        }
        foreach (var message in NameValidation.IsDns1035Label(service.Name)) yield return FieldError.Invalid(path.Child("service").Child("name"), service.Name, message);
        var port = path.Child("service").Child("port");
        if ((service.Port.Number is null) == string.IsNullOrEmpty(service.Port.Name))
            yield return FieldError.Invalid(port, "", "exactly one of `name` or `number` must be specified");
        else if (service.Port.Number is { } number)
        {
            foreach (var message in NameValidation.IsValidPortNum(number)) yield return FieldError.Invalid(port.Child("number"), number, message);
        }
        else
        {
            foreach (var message in NameValidation.IsValidPortName(service.Port.Name!)) yield return FieldError.Invalid(port.Child("name"), service.Port.Name, message);
        }
    }
}
