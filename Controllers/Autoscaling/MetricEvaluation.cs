using System.Globalization;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Controllers.Autoscaling;

/// <summary>What one metric of an autoscaler said: the count it proposes and what was measured (for
/// <c>status.currentMetrics</c>), or why it could not be read (the reason and message of a ScalingActive=False).</summary>
public sealed record MetricResult(int? Replicas, MetricStatus? Status, string Name, string Summary, string? ErrorReason, string? Error);

/// <summary>Reads each metric of an autoscaler and asks the <see cref="ReplicaCalculator"/> for its proposal.</summary>
public sealed class MetricEvaluation(MetricsClient metrics, ReplicaCalculator calculator)
{
    public async Task<MetricResult> EvaluateAsync(MetricSpec spec, string @namespace, string selector, IReadOnlyList<Pod> pods,
        int currentReplicas, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (spec.Type)
        {
            case MetricSourceTypes.Resource when spec.Resource is { } resource:
                return await ResourceAsync(resource.Name, null, resource.Target, @namespace, selector, pods, currentReplicas, now, cancellationToken);
            case MetricSourceTypes.ContainerResource when spec.ContainerResource is { } resource:
                return await ResourceAsync(resource.Name, resource.Container, resource.Target, @namespace, selector, pods, currentReplicas, now, cancellationToken);
            case MetricSourceTypes.Pods when spec.Pods is { } source:
                return await PodsAsync(source, @namespace, selector, pods, currentReplicas, now, cancellationToken);
            case MetricSourceTypes.Object when spec.Object is { DescribedObject.Kind: "Service" } source:
                return await ServiceAsync(source, @namespace, pods, currentReplicas, cancellationToken);
            default:
                return new MetricResult(null, null, $"{spec.Type} metric", "", HpaConditions.InvalidMetricSourceType,
                    $"the HPA was unable to compute the replica count: {spec.Type} metrics {(spec.Type == MetricSourceTypes.Object ? "of other kinds than Service " : "")}are not served here (Resource, ContainerResource, Pods and Object metrics of a Service are)");
        }
    }

    private async Task<MetricResult> ResourceAsync(string resource, string? container, MetricTarget target, string @namespace, string selector,
        IReadOnlyList<Pod> pods, int currentReplicas, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var kind = container is null ? "resource" : "container resource";
        var name = target.Type == MetricTargetTypes.Utilization
            ? $"{resource} {kind} utilization (percentage of request)"
            : $"{resource} {kind}";
        var failedReason = container is null ? "FailedGetResourceMetric" : "FailedGetContainerResourceMetric";
        Dictionary<string, PodSample> samples;
        try
        {
            samples = await metrics.ResourceAsync(@namespace, selector, resource, container, cancellationToken);
        }
        catch (ClientRuntime.ApiClient.ApiException ex)
        {
            return Failed(name, failedReason, $"unable to get metrics for resource {resource}: {ex.Message}");
        }

        ReplicaCalculator.Result result;
        if (target.Type == MetricTargetTypes.Utilization && target.AverageUtilization is { } percent)
            result = calculator.ForUtilization(currentReplicas, percent, resource, pods, samples, now, container);
        else if (target.Type == MetricTargetTypes.AverageValue && Quantity.TryParse(target.AverageValue, out var average))
            result = calculator.ForAverageValue(currentReplicas, average.Value, resource, pods, samples, now);
        else
            return Failed(name, "InvalidMetricSourceType", $"a {resource} target must be Utilization with averageUtilization or AverageValue with averageValue");
        if (result.Proposal is not { } proposal) return Failed(name, failedReason, $"failed to get {resource} utilization: {result.Error}");

        var current = new MetricValueStatus
        {
            AverageValue = Format(proposal.AverageValue, resource),
            AverageUtilization = proposal.Utilization,
        };
        var status = container is null
            ? new MetricStatus { Type = MetricSourceTypes.Resource, Resource = new ResourceMetricStatus { Name = resource, Current = current } }
            : new MetricStatus { Type = MetricSourceTypes.ContainerResource, ContainerResource = new ContainerResourceMetricStatus { Name = resource, Container = container, Current = current } };
        var summary = proposal.Utilization is { } utilization
            ? $"{resource} {utilization}%/{target.AverageUtilization}% of request (average {Format(proposal.AverageValue, resource)})"
            : $"{resource} {Format(proposal.AverageValue, resource)}/{target.AverageValue} per pod";
        return new MetricResult(proposal.Replicas, status, name, summary, null, null);
    }

    private async Task<MetricResult> PodsAsync(PodsMetricSource source, string @namespace, string selector, IReadOnlyList<Pod> pods,
        int currentReplicas, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var metric = source.Metric.Name;
        var name = $"pods metric {metric}";
        if (source.Target.Type != MetricTargetTypes.AverageValue || !Quantity.TryParse(source.Target.AverageValue, out var target))
            return Failed(name, "InvalidMetricSourceType", "a Pods metric's target must be AverageValue with averageValue");
        Dictionary<string, PodSample> samples;
        try
        {
            samples = await metrics.PodsMetricAsync(@namespace, selector, metric, cancellationToken);
        }
        catch (ClientRuntime.ApiClient.ApiException ex)
        {
            return Failed(name, "FailedGetPodsMetric", $"unable to get metric {metric}: {ex.Message}");
        }
        var result = calculator.ForAverageValue(currentReplicas, target.Value, null, pods, samples, now);
        if (result.Proposal is not { } proposal) return Failed(name, "FailedGetPodsMetric", $"unable to get metric {metric}: {result.Error}");
        var status = new MetricStatus
        {
            Type = MetricSourceTypes.Pods,
            Pods = new PodsMetricStatus { Metric = source.Metric, Current = new MetricValueStatus { AverageValue = Format(proposal.AverageValue, null) } },
        };
        return new MetricResult(proposal.Replicas, status, name, $"{metric} {Number(proposal.AverageValue)}/{source.Target.AverageValue} per pod", null, null);
    }

    private async Task<MetricResult> ServiceAsync(ObjectMetricSource source, string @namespace, IReadOnlyList<Pod> pods, int currentReplicas,
        CancellationToken cancellationToken)
    {
        var metric = source.Metric.Name;
        var service = source.DescribedObject.Name;
        var name = $"Object metric {metric} of Service {service}";
        decimal? value = source.Target.Type == MetricTargetTypes.Value && Quantity.TryParse(source.Target.Value, out var v) ? v.Value : null;
        decimal? average = source.Target.Type == MetricTargetTypes.AverageValue && Quantity.TryParse(source.Target.AverageValue, out var a) ? a.Value : null;
        if (value is null && average is null)
            return Failed(name, "InvalidMetricSourceType", "an Object metric's target must be Value with value or AverageValue with averageValue");
        PodSample? sample;
        try
        {
            sample = await metrics.ObjectMetricAsync(@namespace, "services", service, metric, cancellationToken);
        }
        catch (ClientRuntime.ApiClient.ApiException ex)
        {
            return Failed(name, "FailedGetObjectMetric", $"unable to get metric {metric}: Service on {@namespace} {service}: {ex.Message}");
        }
        if (sample is null) return Failed(name, "FailedGetObjectMetric", $"unable to get metric {metric}: Service on {@namespace} {service}: no fresh value");
        var result = calculator.ForObject(currentReplicas, sample.Value, value, average, pods);
        if (result.Proposal is not { } proposal) return Failed(name, "FailedGetObjectMetric", $"unable to get metric {metric}: {result.Error}");
        var current = average is null ? new MetricValueStatus { Value = Format(sample.Value, null) } : new MetricValueStatus { AverageValue = Format(proposal.AverageValue, null) };
        var status = new MetricStatus
        {
            Type = MetricSourceTypes.Object,
            Object = new ObjectMetricStatus { Metric = source.Metric, DescribedObject = source.DescribedObject, Current = current },
        };
        var summary = average is null
            ? $"{metric} of Service {service} {Number(sample.Value)}/{source.Target.Value}"
            : $"{metric} of Service {service} {Number(proposal.AverageValue)}/{source.Target.AverageValue} per pod";
        return new MetricResult(proposal.Replicas, status, name, summary, null, null);
    }

    private static MetricResult Failed(string name, string reason, string message) => new(null, null, name, "", reason, message);

    /// <summary>A measured value as a quantity: cpu in millicores, memory in whole bytes (Ki when exact), others to
    /// the thousandth.</summary>
    public static string Format(decimal value, string? resource) => resource switch
    {
        "memory" => new Quantity(decimal.Round(value), QuantityFormat.BinarySI).ToString(),
        _ => new Quantity(decimal.Round(value, 3, MidpointRounding.AwayFromZero)).ToString(),
    };

    /// <summary>A count to print in a sentence.</summary>
    public static string Number(decimal value) => decimal.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);
}
