using EventOrch.Api.Tables.Printers;
using EventOrch.Api.Versions;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using V1 = EventOrch.Contracts.Model.AutoscalingV1;

namespace EventOrch.Tests.Unit.Versions;

public class HorizontalPodAutoscalerV1ConversionTests
{
    private static MetricSpec Cpu(int percent) => Contracts.Defaulting.HorizontalPodAutoscalerDefaults.CpuUtilization(percent);

    private static MetricSpec Rps(string value) => new()
    {
        Type = MetricSourceTypes.Pods,
        Pods = new PodsMetricSource { Metric = new MetricIdentifier { Name = "requests_per_second" }, Target = new MetricTarget { Type = MetricTargetTypes.AverageValue, AverageValue = value } },
    };

    private static HorizontalPodAutoscaler Stored(params MetricSpec[] metrics) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default", Uid = "u1", ResourceVersion = "7" },
        Spec = new HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web" },
            MinReplicas = 2,
            MaxReplicas = 9,
            Metrics = [.. metrics],
            Behavior = new HorizontalPodAutoscalerBehavior { ScaleDown = new HpaScalingRules { StabilizationWindowSeconds = 30 } },
        },
        Status = new HorizontalPodAutoscalerStatus
        {
            CurrentReplicas = 3,
            DesiredReplicas = 4,
            CurrentMetrics = [new MetricStatus { Type = MetricSourceTypes.Resource, Resource = new ResourceMetricStatus { Name = "cpu", Current = new MetricValueStatus { AverageUtilization = 70 } } }],
            Conditions = [new HorizontalPodAutoscalerCondition { Type = "AbleToScale", Status = "True" }],
        },
    };

    [Fact]
    public void The_v1_view_has_the_cpu_target_and_the_rest_in_annotations()
    {
        var view = HorizontalPodAutoscalerV1Conversion.ToV1(Stored(Rps("5"), Cpu(50)));

        Assert.Equal((2, 9, 50), (view.Spec.MinReplicas, view.Spec.MaxReplicas, view.Spec.TargetCPUUtilizationPercentage));
        Assert.Equal((3, 4, 70), (view.Status!.CurrentReplicas, view.Status.DesiredReplicas, view.Status.CurrentCPUUtilizationPercentage));
        Assert.Equal(
            [V1.HorizontalPodAutoscalerV1Annotations.Metrics, V1.HorizontalPodAutoscalerV1Annotations.Behavior, V1.HorizontalPodAutoscalerV1Annotations.CurrentMetrics, V1.HorizontalPodAutoscalerV1Annotations.Conditions],
            view.Metadata.Annotations!.Keys);
    }

    [Fact]
    public void A_view_converted_back_is_the_stored_object_with_its_metrics_in_their_order()
    {
        var stored = Stored(Cpu(50), Rps("5"));
        var back = HorizontalPodAutoscalerV1Conversion.ToV2(HorizontalPodAutoscalerV1Conversion.ToV1(stored), null, statusOnly: true);

        Assert.True(back.IsSuccess);
        Assert.Equal(KubeJson.Canonical(ObjectToNode(stored))!.ToJsonString(), KubeJson.Canonical(ObjectToNode(back.Value!))!.ToJsonString());
    }

    [Fact]
    public void A_v1_body_without_annotations_keeps_the_stored_metrics_and_behavior_and_places_cpu_where_it_was()
    {
        var stored = Stored(Cpu(50), Rps("5"));
        var body = new V1.HorizontalPodAutoscaler
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new V1.HorizontalPodAutoscalerSpec { ScaleTargetRef = stored.Spec.ScaleTargetRef, MaxReplicas = 4, TargetCPUUtilizationPercentage = 65 },
        };

        var converted = HorizontalPodAutoscalerV1Conversion.ToV2(body, stored, statusOnly: false).Value!;

        Assert.Equal([MetricSourceTypes.Resource, MetricSourceTypes.Pods], converted.Spec.Metrics!.Select(m => m.Type));
        Assert.Equal(65, converted.Spec.Metrics![0].Resource!.Target.AverageUtilization);
        Assert.Equal(30, converted.Spec.Behavior!.ScaleDown!.StabilizationWindowSeconds);
        Assert.Same(stored.Status, converted.Status);
        Assert.Null(converted.Spec.MinReplicas);
    }

    [Fact]
    public void A_v1_body_without_a_cpu_target_drops_the_cpu_metric_only()
    {
        var stored = Stored(Cpu(50), Rps("5"));
        var body = HorizontalPodAutoscalerV1Conversion.ToV1(stored) is var view ? view with { Spec = view.Spec with { TargetCPUUtilizationPercentage = null } } : null!;

        var converted = HorizontalPodAutoscalerV1Conversion.ToV2(body, stored, statusOnly: false).Value!;

        Assert.Equal(MetricSourceTypes.Pods, Assert.Single(converted.Spec.Metrics!).Type);
    }

    [Fact]
    public void An_annotation_that_is_not_v2_json_is_an_error_naming_it()
    {
        var body = new V1.HorizontalPodAutoscaler
        {
            Metadata = new ObjectMeta { Name = "web", Annotations = new() { [V1.HorizontalPodAutoscalerV1Annotations.Behavior] = "[1,2]" } },
        };
        var result = HorizontalPodAutoscalerV1Conversion.ToV2(body, null, statusOnly: false);
        Assert.Equal($"metadata.annotations[{V1.HorizontalPodAutoscalerV1Annotations.Behavior}]", Assert.Single(result.Error!.Details!.Causes!).Field);
    }

    public static TheoryData<MetricSpec[], MetricStatus[], string> Targets => new()
    {
        { [Cpu(50)], [new MetricStatus { Type = MetricSourceTypes.Resource, Resource = new ResourceMetricStatus { Name = "cpu", Current = new MetricValueStatus { AverageUtilization = 30 } } }], "cpu: 30%/50%" },
        { [Cpu(50)], [], "cpu: <unknown>/50%" },
        { [Rps("5")], [new MetricStatus { Type = MetricSourceTypes.Pods, Pods = new PodsMetricStatus { Current = new MetricValueStatus { AverageValue = "12" } } }], "requests_per_second: 12/5" },
        { [Cpu(50), Rps("5"), Cpu(90)], [], "cpu: <unknown>/50%, requests_per_second: <unknown>/5 + 1 more..." },
        { [], [], "<none>" },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void The_targets_cell_reads_as_kubectl_prints_it(MetricSpec[] specs, MetricStatus[] statuses, string expected) =>
        Assert.Equal(expected, HorizontalPodAutoscalerPrinter.Targets(specs, statuses));

    [Fact]
    public void The_printer_prints_a_v1_view_as_the_v2_object_it_shows()
    {
        var stored = Stored(Cpu(50), Rps("5"));
        var printer = new HorizontalPodAutoscalerPrinter();
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(printer.Cells(stored, now), printer.Cells(HorizontalPodAutoscalerV1Conversion.ToV1(stored), now));
    }

    private static System.Text.Json.Nodes.JsonNode ObjectToNode(object value) =>
        System.Text.Json.JsonSerializer.SerializeToNode(value, value.GetType(), KubeJson.Options)!;
}
