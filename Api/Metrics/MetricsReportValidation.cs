using System.Globalization;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Metrics;

/// <summary>Checks a report before any of it is stored: names that can be objects' names, and counts, usages and
/// windows that are finite and not negative. Pure.</summary>
public static class MetricsReportValidation
{
    public static List<FieldError> Validate(NodeUsageReport report)
    {
        var errors = new List<FieldError>();
        if (report.Nodes.Count == 0) errors.Add(new FieldError("nodes", FieldErrorTypes.Required, "a report names at least one node"));
        for (var n = 0; n < report.Nodes.Count; n++)
        {
            var node = report.Nodes[n];
            var path = $"nodes[{n}]";
            Name(errors, $"{path}.name", node.Name, NameValidation.IsDns1123Subdomain);
            Window(errors, $"{path}.windowSeconds", node.WindowSeconds);
            NotNegative(errors, $"{path}.cpuNanoCores", node.CpuNanoCores);
            NotNegative(errors, $"{path}.memoryBytes", node.MemoryBytes);
            for (var p = 0; p < node.Pods.Count; p++)
            {
                var pod = node.Pods[p];
                var podPath = $"{path}.pods[{p}]";
                Name(errors, $"{podPath}.namespace", pod.Namespace, NameValidation.IsDns1123Label);
                Name(errors, $"{podPath}.name", pod.Name, NameValidation.IsDns1123Subdomain);
                Window(errors, $"{podPath}.windowSeconds", pod.WindowSeconds);
                for (var c = 0; c < pod.Containers.Count; c++)
                {
                    var container = pod.Containers[c];
                    Name(errors, $"{podPath}.containers[{c}].name", container.Name, NameValidation.IsDns1123Label);
                    NotNegative(errors, $"{podPath}.containers[{c}].cpuNanoCores", container.CpuNanoCores);
                    NotNegative(errors, $"{podPath}.containers[{c}].memoryBytes", container.MemoryBytes);
                }
            }
        }
        return errors;
    }

    public static List<FieldError> Validate(ProxyTrafficReport report)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(report.Proxy)) errors.Add(new FieldError("proxy", FieldErrorTypes.Required, "which proxy instance measured the traffic"));
        else if (report.Proxy.Length > 253) errors.Add(new FieldError("proxy", FieldErrorTypes.TooLong, "must have at most 253 characters"));
        Window(errors, "windowSeconds", report.WindowSeconds);
        for (var p = 0; p < report.Pods.Count; p++)
        {
            var pod = report.Pods[p];
            var path = $"pods[{p}]";
            Name(errors, $"{path}.namespace", pod.Namespace, NameValidation.IsDns1123Label);
            Name(errors, $"{path}.name", pod.Name, NameValidation.IsDns1123Subdomain);
            if (string.IsNullOrEmpty(pod.Service)) errors.Add(new FieldError($"{path}.service", FieldErrorTypes.Required, ""));
            NotNegative(errors, $"{path}.requests", pod.Requests);
            NotNegative(errors, $"{path}.errors", pod.Errors);
            if (pod.Requests >= 0 && pod.Errors > pod.Requests)
                errors.Add(new FieldError($"{path}.errors", FieldErrorTypes.Invalid, "must not exceed requests", Literal(pod.Errors)) { ValueIsLiteral = true });
            if (pod.LatencyP95Seconds is { } latency && (!double.IsFinite(latency) || latency < 0))
                errors.Add(new FieldError($"{path}.latencyP95Seconds", FieldErrorTypes.Invalid, "must be a finite number of seconds, not negative",
                    latency.ToString(CultureInfo.InvariantCulture)) { ValueIsLiteral = true });
        }
        return errors;
    }

    private static void Name(List<FieldError> errors, string field, string value, Func<string, IReadOnlyList<string>> rule)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new FieldError(field, FieldErrorTypes.Required, ""));
            return;
        }
        foreach (var problem in rule(value)) errors.Add(new FieldError(field, FieldErrorTypes.Invalid, problem, value));
    }

    private static void Window(List<FieldError> errors, string field, double seconds)
    {
        if (!double.IsFinite(seconds) || seconds <= 0)
            errors.Add(new FieldError(field, FieldErrorTypes.Invalid, "must be a positive number of seconds",
                seconds.ToString(CultureInfo.InvariantCulture)) { ValueIsLiteral = true });
    }

    private static void NotNegative(List<FieldError> errors, string field, long value)
    {
        if (value < 0) errors.Add(new FieldError(field, FieldErrorTypes.Invalid, "must not be negative", Literal(value)) { ValueIsLiteral = true });
    }

    private static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture);
}
