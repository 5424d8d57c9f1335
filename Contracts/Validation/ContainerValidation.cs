using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>The container rules of a pod spec: names, images, ports, env, mounts, probes, resources.</summary>
internal static class ContainerValidation
{
    public static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    public static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    public static readonly string[] HttpSchemes = ["HTTP", "HTTPS"];

    public static void ValidateContainers(List<Container> containers, HashSet<string> volumes, FieldPath path, List<FieldError> errors)
    {
        if (containers.Count == 0)
        {
            errors.Add(FieldError.Required(path));
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i];
            var at = path.Index(i);
            ValidateCommon(container, volumes, at, errors);
            if (!names.Add(container.Name)) errors.Add(FieldError.Duplicate(at.Child("name"), container.Name));
            ValidateProbe(container.LivenessProbe, at.Child("livenessProbe"), mustSucceedOnce: true, errors);
            ValidateProbe(container.ReadinessProbe, at.Child("readinessProbe"), mustSucceedOnce: false, errors);
            ValidateProbe(container.StartupProbe, at.Child("startupProbe"), mustSucceedOnce: true, errors);
        }
        CheckHostPortConflicts(containers, path, errors);
    }

    public static void ValidateInitContainers(List<Container>? containers, List<Container> others, HashSet<string> volumes, FieldPath path, List<FieldError> errors)
    {
        var names = new HashSet<string>(others.Select(c => c.Name), StringComparer.Ordinal);
        for (var i = 0; i < (containers?.Count ?? 0); i++)
        {
            var container = containers![i];
            var at = path.Index(i);
            ValidateCommon(container, volumes, at, errors);
            if (names.Contains(container.Name)) errors.Add(FieldError.Duplicate(at.Child("name"), container.Name));
            else if (container.Name.Length > 0) names.Add(container.Name);
            CheckHostPortConflicts([container], path, errors);
            const string probeForbidden = "may not be set for init containers without restartPolicy=Always";
            if (container.LivenessProbe is not null) errors.Add(FieldError.Forbidden(at.Child("livenessProbe"), probeForbidden));
            if (container.ReadinessProbe is not null) errors.Add(FieldError.Forbidden(at.Child("readinessProbe"), probeForbidden));
            if (container.StartupProbe is not null) errors.Add(FieldError.Forbidden(at.Child("startupProbe"), probeForbidden));
        }
    }

    private static void ValidateCommon(Container container, HashSet<string> volumes, FieldPath at, List<FieldError> errors)
    {
        var namePath = at.Child("name");
        if (container.Name.Length == 0) errors.Add(FieldError.Required(namePath));
        else
        {
            foreach (var message in NameValidation.IsDns1123Label(container.Name)) errors.Add(FieldError.Invalid(namePath, container.Name, message));
        }
        if (string.IsNullOrEmpty(container.Image)) errors.Add(FieldError.Required(at.Child("image")));
        else if (container.Image.Trim().Length != container.Image.Length)
        {
            errors.Add(FieldError.Invalid(at.Child("image"), container.Image, "must not have leading or trailing whitespace"));
        }
        if (container.TerminationMessagePolicy is { Length: > 0 } policy && policy is not ("File" or "FallbackToLogsOnError"))
        {
            errors.Add(FieldError.Invalid(at.Child("terminationMessagePolicy"), policy, "must be 'File' or 'FallbackToLogsOnError'"));
        }
        ValidatePorts(container.Ports, at.Child("ports"), errors);
        EnvValidation.ValidateEnv(container.Env, at.Child("env"), errors);
        EnvValidation.ValidateEnvFrom(container.EnvFrom, at.Child("envFrom"), errors);
        ValidateVolumeMounts(container.VolumeMounts, volumes, at.Child("volumeMounts"), errors);
        PodValidation.OneOf(errors, at.Child("imagePullPolicy"), container.ImagePullPolicy, PullPolicies);
        errors.AddRange(ResourceValidation.ValidateResourceRequirements(container.Resources, at.Child("resources")));
    }

    private static void ValidatePorts(List<ContainerPort>? ports, FieldPath path, List<FieldError> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (ports?.Count ?? 0); i++)
        {
            var port = ports![i];
            var at = path.Index(i);
            if (!string.IsNullOrEmpty(port.Name))
            {
                var messages = NameValidation.IsValidPortName(port.Name);
                foreach (var message in messages) errors.Add(FieldError.Invalid(at.Child("name"), port.Name, message));
                if (messages.Count == 0 && !names.Add(port.Name)) errors.Add(FieldError.Duplicate(at.Child("name"), port.Name));
            }
            if (port.Number == 0) errors.Add(FieldError.Required(at.Child("containerPort")));
            else
            {
                foreach (var message in NameValidation.IsValidPortNum(port.Number)) errors.Add(FieldError.Invalid(at.Child("containerPort"), port.Number, message));
            }
            if (port.HostPort is { } hostPort and not 0)
            {
                foreach (var message in NameValidation.IsValidPortNum(hostPort)) errors.Add(FieldError.Invalid(at.Child("hostPort"), hostPort, message));
            }
            PodValidation.OneOf(errors, at.Child("protocol"), port.Protocol, Protocols);
        }
    }

    private static void ValidateVolumeMounts(List<VolumeMount>? mounts, HashSet<string> volumes, FieldPath path, List<FieldError> errors)
    {
        var mountPoints = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (mounts?.Count ?? 0); i++)
        {
            var mount = mounts![i];
            var at = path.Index(i);
            if (mount.Name.Length == 0) errors.Add(FieldError.Required(at.Child("name")));
            if (!volumes.Contains(mount.Name)) errors.Add(FieldError.NotFound(at.Child("name"), mount.Name));
            if (mount.MountPath.Length == 0) errors.Add(FieldError.Required(at.Child("mountPath")));
            if (!mountPoints.Add(mount.MountPath)) errors.Add(FieldError.Invalid(at.Child("mountPath"), mount.MountPath, "must be unique"));
            if (!string.IsNullOrEmpty(mount.SubPath))
            {
                // Kubernetes reports subPath errors under the list's path, not the item's.
                if (mount.SubPath.StartsWith('/')) errors.Add(FieldError.Invalid(path.Child("subPath"), mount.SubPath, "must be a relative path"));
                if (mount.SubPath.Replace('\\', '/').Split('/').Contains("..")) errors.Add(FieldError.Invalid(path.Child("subPath"), mount.SubPath, "must not contain '..'"));
            }
        }
    }

    private static void ValidateProbe(Probe? probe, FieldPath path, bool mustSucceedOnce, List<FieldError> errors)
    {
        if (probe is null) return;
        var handlers = 0;
        if (probe.Exec is { } exec)
        {
            handlers++;
            if ((exec.Command?.Count ?? 0) == 0) errors.Add(FieldError.Required(path.Child("exec").Child("command")));
        }
        if (probe.HttpGet is { } http)
        {
            if (handlers++ > 0) errors.Add(FieldError.Forbidden(path.Child("httpGet"), "may not specify more than 1 handler type"));
            else
            {
                ValidatePortNumOrName(http.Port, path.Child("httpGet").Child("port"), errors);
                PodValidation.OneOf(errors, path.Child("httpGet").Child("scheme"), http.Scheme, HttpSchemes);
            }
        }
        if (probe.TcpSocket is { } tcp)
        {
            if (handlers++ > 0) errors.Add(FieldError.Forbidden(path.Child("tcpSocket"), "may not specify more than 1 handler type"));
            else ValidatePortNumOrName(tcp.Port, path.Child("tcpSocket").Child("port"), errors);
        }
        if (handlers == 0) errors.Add(FieldError.Required(path, "must specify a handler type"));

        NonNegative(probe.InitialDelaySeconds, path.Child("initialDelaySeconds"), errors);
        NonNegative(probe.TimeoutSeconds, path.Child("timeoutSeconds"), errors);
        NonNegative(probe.PeriodSeconds, path.Child("periodSeconds"), errors);
        NonNegative(probe.SuccessThreshold, path.Child("successThreshold"), errors);
        NonNegative(probe.FailureThreshold, path.Child("failureThreshold"), errors);
        if (mustSucceedOnce && probe.SuccessThreshold is { } threshold and not 1)
        {
            errors.Add(FieldError.Invalid(path.Child("successThreshold"), threshold, "must be 1"));
        }
    }

    internal static void ValidatePortNumOrName(IntOrString port, FieldPath path, List<FieldError> errors)
    {
        if (port.StringValue is { } name)
        {
            foreach (var message in NameValidation.IsValidPortName(name)) errors.Add(FieldError.Invalid(path, name, message));
            return;
        }
        var number = port.IntValue ?? 0;
        foreach (var message in NameValidation.IsValidPortNum(number)) errors.Add(FieldError.Invalid(path, number, message));
    }

    private static void NonNegative(int? value, FieldPath path, List<FieldError> errors)
    {
        if (value is < 0) errors.Add(FieldError.Invalid(path, value.Value, ObjectMetaValidation.NegativeNumber));
    }

    private static void CheckHostPortConflicts(IReadOnlyList<Container> containers, FieldPath path, List<FieldError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var ports = containers[i].Ports ?? [];
            for (var j = 0; j < ports.Count; j++)
            {
                if (ports[j].HostPort is not { } hostPort || hostPort == 0) continue;
                var key = $"{ports[j].HostIP}/{ports[j].Protocol ?? "TCP"}/{hostPort}";
                if (!seen.Add(key)) errors.Add(FieldError.Duplicate(path.Index(i).Child("ports").Index(j).Child("hostPort"), key));
            }
        }
    }
}
