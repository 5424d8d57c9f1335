using EventOrch.Contracts.Defaulting;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Tests.Unit.Validation;

public class HorizontalPodAutoscalerValidationTests
{
    private static HorizontalPodAutoscaler Valid(Func<HorizontalPodAutoscalerSpec, HorizontalPodAutoscalerSpec>? change = null)
    {
        var spec = new HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web" },
            MinReplicas = 1,
            MaxReplicas = 5,
        };
        return new HorizontalPodAutoscaler { Metadata = new ObjectMeta { Name = "web", Namespace = "default" }, Spec = change is null ? spec : change(spec) };
    }

    private static MetricSpec Resource(string name, MetricTarget target) => new()
    {
        Type = MetricSourceTypes.Resource, Resource = new ResourceMetricSource { Name = name, Target = target },
    };

    private static MetricSpec Pods(string name, MetricTarget target) => new()
    {
        Type = MetricSourceTypes.Pods, Pods = new PodsMetricSource { Metric = new MetricIdentifier { Name = name }, Target = target },
    };

    private static MetricTarget Utilization(int? percent) => new() { Type = MetricTargetTypes.Utilization, AverageUtilization = percent };

    private static MetricTarget Average(string? value) => new() { Type = MetricTargetTypes.AverageValue, AverageValue = value };

    private static IReadOnlyList<FieldError> Errors(Func<HorizontalPodAutoscalerSpec, HorizontalPodAutoscalerSpec> change) =>
        HorizontalPodAutoscalerValidation.ValidateCreate(Valid(change));

    [Fact]
    public void A_valid_autoscaler_with_every_kind_of_supported_metric_and_a_behavior_has_no_errors() =>
        Assert.Empty(Errors(s => s with
        {
            Metrics =
            [
                Resource("cpu", Utilization(50)),
                Resource("memory", Average("256Mi")),
                new MetricSpec { Type = MetricSourceTypes.ContainerResource, ContainerResource = new ContainerResourceMetricSource { Name = "cpu", Container = "app", Target = Utilization(60) } },
                Pods(ProxyMetricNames.RequestsPerSecond, Average("5")),
                new MetricSpec { Type = MetricSourceTypes.External, External = new ExternalMetricSource { Metric = new MetricIdentifier { Name = "queue" }, Target = new MetricTarget { Type = MetricTargetTypes.Value, Value = "30" } } },
            ],
            Behavior = new HorizontalPodAutoscalerBehavior
            {
                ScaleUp = new HpaScalingRules { StabilizationWindowSeconds = 0, SelectPolicy = ScalingPolicySelects.Max, Policies = [new HpaScalingPolicy { Type = ScalingPolicyTypes.Pods, Value = 4, PeriodSeconds = 15 }] },
                ScaleDown = new HpaScalingRules { StabilizationWindowSeconds = 3600, SelectPolicy = ScalingPolicySelects.Disabled, Policies = [new HpaScalingPolicy { Type = ScalingPolicyTypes.Percent, Value = 10, PeriodSeconds = 1800 }] },
            },
        }));

    public static TheoryData<string, Func<HorizontalPodAutoscalerSpec, HorizontalPodAutoscalerSpec>, string> Invalid => new()
    {
        { "spec.minReplicas", s => s with { MinReplicas = 0 }, "must be greater than or equal to 1" },
        { "spec.maxReplicas", s => s with { MinReplicas = 4, MaxReplicas = 3 }, "must be greater than or equal to `minReplicas` (4)" },
        { "spec.maxReplicas", s => s with { MinReplicas = null, MaxReplicas = 0 }, "must be greater than 0" },
        { "spec.scaleTargetRef.kind", s => s with { ScaleTargetRef = s.ScaleTargetRef with { Kind = "Job" } }, "supported values: \"Deployment\", \"ReplicaSet\", \"ReplicationController\"" },
        { "spec.scaleTargetRef.kind", s => s with { ScaleTargetRef = s.ScaleTargetRef with { Kind = "" } }, "Required value" },
        { "spec.scaleTargetRef.name", s => s with { ScaleTargetRef = s.ScaleTargetRef with { Name = "" } }, "Required value" },
        { "spec.scaleTargetRef.name", s => s with { ScaleTargetRef = s.ScaleTargetRef with { Name = "a/b" } }, "may not contain '/'" },
        { "spec.scaleTargetRef.apiVersion", s => s with { ScaleTargetRef = new CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "ReplicationController", Name = "rc" } }, "served at v1" },
        { "spec.metrics[0].type", s => s with { Metrics = [new MetricSpec { Type = "Magic" }] }, "Unsupported value: \"Magic\"" },
        { "spec.metrics[0].type", s => s with { Metrics = [new MetricSpec()] }, "must specify a metric source type" },
        { "spec.metrics[0].pods", s => s with { Metrics = [new MetricSpec { Type = MetricSourceTypes.Pods }] }, "must populate information for the given metric source" },
        { "spec.metrics[0].pods", s => s with { Metrics = [Resource("cpu", Utilization(50)) with { Pods = Pods("x", Average("1")).Pods }] }, "must populate the given metric source only" },
        { "spec.metrics[0].resource.name", s => s with { Metrics = [Resource("gpu", Utilization(50))] }, "supported values: \"cpu\", \"memory\"" },
        { "spec.metrics[0].resource.target.averageUtilization", s => s with { Metrics = [Resource("cpu", Utilization(0))] }, "must be greater than 0" },
        { "spec.metrics[0].resource.target.averageUtilization", s => s with { Metrics = [Resource("cpu", Utilization(null))] }, "must set averageUtilization" },
        { "spec.metrics[0].resource.target.type", s => s with { Metrics = [Resource("cpu", new MetricTarget { Type = MetricTargetTypes.Value, Value = "1" })] }, "Unsupported value: \"Value\"" },
        { "spec.metrics[0].resource.target.averageUtilization", s => s with { Metrics = [Resource("cpu", Average("1") with { AverageUtilization = 50 })] }, "may only be set when type is Utilization" },
        { "spec.metrics[0].pods.target.type", s => s with { Metrics = [Pods("rps", Utilization(50))] }, "supported values: \"AverageValue\"" },
        { "spec.metrics[0].pods.target.averageValue", s => s with { Metrics = [Pods("rps", Average("0"))] }, "must be positive" },
        { "spec.metrics[0].pods.target.averageValue", s => s with { Metrics = [Pods("rps", Average("five"))] }, "quantities must match" },
        { "spec.metrics[0].pods.target.averageValue", s => s with { Metrics = [Pods("rps", Average(null))] }, "must set averageValue" },
        { "spec.metrics[0].pods.metric.name", s => s with { Metrics = [Pods("", Average("1"))] }, "must specify a metric name" },
        { "spec.metrics[0].containerResource.container", s => s with { Metrics = [new MetricSpec { Type = MetricSourceTypes.ContainerResource, ContainerResource = new ContainerResourceMetricSource { Name = "cpu", Target = Utilization(50) } }] }, "must specify a container" },
        { "spec.metrics[0].object.describedObject.name", s => s with { Metrics = [new MetricSpec { Type = MetricSourceTypes.Object, Object = new ObjectMetricSource { DescribedObject = new CrossVersionObjectReference { Kind = "Service" }, Metric = new MetricIdentifier { Name = "hits" }, Target = new MetricTarget { Type = MetricTargetTypes.Value, Value = "1" } } }] }, "Required value" },
        { "spec.behavior.scaleUp.selectPolicy", s => s with { Behavior = new HorizontalPodAutoscalerBehavior { ScaleUp = new HpaScalingRules { SelectPolicy = "Any", Policies = [new HpaScalingPolicy { Type = "Pods", Value = 1, PeriodSeconds = 1 }] } } }, "supported values: \"Disabled\", \"Max\", \"Min\"" },
        { "spec.behavior.scaleUp.policies", s => s with { Behavior = new HorizontalPodAutoscalerBehavior { ScaleUp = new HpaScalingRules { Policies = [] } } }, "must specify at least one Policy" },
        { "spec.behavior.scaleDown.policies[0].type", s => s with { Behavior = new HorizontalPodAutoscalerBehavior { ScaleDown = new HpaScalingRules { Policies = [new HpaScalingPolicy { Type = "Nodes", Value = 1, PeriodSeconds = 1 }] } } }, "supported values: \"Percent\", \"Pods\"" },
        { "spec.behavior.scaleDown.policies[0].value", s => s with { Behavior = new HorizontalPodAutoscalerBehavior { ScaleDown = new HpaScalingRules { Policies = [new HpaScalingPolicy { Type = "Pods", Value = 0, PeriodSeconds = 1 }] } } }, "must be greater than zero" },
        { "spec.behavior.scaleDown.policies[0].periodSeconds", s => s with { Behavior = new HorizontalPodAutoscalerBehavior { ScaleDown = new HpaScalingRules { Policies = [new HpaScalingPolicy { Type = "Pods", Value = 1, PeriodSeconds = 0 }] } } }, "must be between 1 and 1800, inclusive" },
        { "spec.behavior.scaleDown.stabilizationWindowSeconds", s => s with { Behavior = new HorizontalPodAutoscalerBehavior { ScaleDown = new HpaScalingRules { StabilizationWindowSeconds = -1, Policies = [new HpaScalingPolicy { Type = "Pods", Value = 1, PeriodSeconds = 1 }] } } }, "must be between 0 and 3600, inclusive" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_broken_rule_is_an_error_on_its_field(string field, Func<HorizontalPodAutoscalerSpec, HorizontalPodAutoscalerSpec> change, string message)
    {
        var errors = Errors(change);
        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_negative_status_count_is_an_error()
    {
        var errors = HorizontalPodAutoscalerValidation.ValidateStatus(new HorizontalPodAutoscalerStatus { CurrentReplicas = -1 });
        Assert.Equal("status.currentReplicas", Assert.Single(errors).Field);
    }

    [Fact]
    public void Defaults_give_one_replica_and_cpu_at_80_percent_but_no_behavior()
    {
        var defaulted = HorizontalPodAutoscalerDefaults.Apply(Valid(s => s with { MinReplicas = null }));
        Assert.Equal(1, defaulted.Spec.MinReplicas);
        Assert.Equal(80, Assert.Single(defaulted.Spec.Metrics!).Resource!.Target.AverageUtilization);
        Assert.Null(defaulted.Spec.Behavior);
    }

    [Fact]
    public void Defaults_complete_both_directions_of_a_given_behavior_keeping_what_was_given()
    {
        var defaulted = HorizontalPodAutoscalerDefaults.Apply(Valid(s => s with
        {
            Behavior = new HorizontalPodAutoscalerBehavior { ScaleUp = new HpaScalingRules { SelectPolicy = ScalingPolicySelects.Min } },
        }));
        var up = defaulted.Spec.Behavior!.ScaleUp!;
        Assert.Equal((ScalingPolicySelects.Min, 0), (up.SelectPolicy, up.StabilizationWindowSeconds));
        Assert.Equal([(ScalingPolicyTypes.Pods, 4, 15), (ScalingPolicyTypes.Percent, 100, 15)], up.Policies!.Select(p => (p.Type, p.Value, p.PeriodSeconds)));
        var down = defaulted.Spec.Behavior.ScaleDown!;
        Assert.Null(down.StabilizationWindowSeconds);
        Assert.Equal((ScalingPolicyTypes.Percent, 100, 15), (down.Policies![0].Type, down.Policies[0].Value, down.Policies[0].PeriodSeconds));
        Assert.Empty(HorizontalPodAutoscalerValidation.ValidateCreate(defaulted));
    }
}
