using System.Net;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>HorizontalPodAutoscalers at autoscaling/v2: Kubernetes' defaults, every validation rule as a 422 naming the
/// field with nothing stored, the status subresource, and kubectl's Table.</summary>
public sealed class HorizontalPodAutoscalerApiTests(ApiServer api) : IClassFixture<ApiServer>
{
    private const string TableAccept =
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    private static string V2(string ns) => $"/apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers";

    private async Task<string> NamespaceAsync()
    {
        var ns = $"hpa-{Guid.NewGuid():N}"[..12];
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } });
        return ns;
    }

    private static HorizontalPodAutoscaler Hpa(string name, HorizontalPodAutoscalerSpec? spec = null) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = spec ?? new HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web" },
            MinReplicas = 2,
            MaxReplicas = 10,
        },
    };

    private static HorizontalPodAutoscalerSpec Spec(Func<HorizontalPodAutoscalerSpec, HorizontalPodAutoscalerSpec> change) => change(Hpa("x").Spec);

    private static MetricSpec Requests(string averageValue) => new()
    {
        Type = MetricSourceTypes.Pods,
        Pods = new PodsMetricSource
        {
            Metric = new MetricIdentifier { Name = ProxyMetricNames.RequestsPerSecond },
            Target = new MetricTarget { Type = MetricTargetTypes.AverageValue, AverageValue = averageValue },
        },
    };

    [Fact]
    public async Task A_created_autoscaler_gets_kubernetes_v2_defaults_and_is_served_at_autoscaling_v2()
    {
        var ns = await NamespaceAsync();
        var (code, created, response) = await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Post, V2(ns), Hpa("web") with
        {
            Spec = Hpa("web").Spec with { MinReplicas = null, Behavior = new HorizontalPodAutoscalerBehavior { ScaleDown = new HpaScalingRules { StabilizationWindowSeconds = 60 } } },
        });

        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal(("autoscaling/v2", "HorizontalPodAutoscaler"), (created!.ApiVersion, created.Kind));
        Assert.Equal(1, created.Spec.MinReplicas);
        var metric = Assert.Single(created.Spec.Metrics!);
        Assert.Equal((MetricSourceTypes.Resource, "cpu", MetricTargetTypes.Utilization, 80),
            (metric.Type, metric.Resource!.Name, metric.Resource.Target.Type, metric.Resource.Target.AverageUtilization));
        // The given scale-down window stays; the rest of both directions is Kubernetes' defaults.
        var down = created.Spec.Behavior!.ScaleDown!;
        Assert.Equal((60, ScalingPolicySelects.Max), (down.StabilizationWindowSeconds, down.SelectPolicy));
        Assert.Equal((ScalingPolicyTypes.Percent, 100, 15), (down.Policies![0].Type, down.Policies[0].Value, down.Policies[0].PeriodSeconds));
        var up = created.Spec.Behavior.ScaleUp!;
        Assert.Equal((0, 2), (up.StabilizationWindowSeconds, up.Policies!.Count));
        Assert.Equal(1, created.Metadata.Generation);

        var (listed, list, _) = await api.Client.SendAsync<ObjectList<HorizontalPodAutoscaler>>(HttpMethod.Get, V2(ns));
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal("HorizontalPodAutoscalerList", list!.Kind);
        Assert.Equal("web", Assert.Single(list.Items).Metadata.Name);
    }

    [Fact]
    public async Task An_autoscaler_without_behavior_is_given_none()
    {
        var ns = await NamespaceAsync();
        var (_, created, _) = await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Post, V2(ns), Hpa("plain"));
        Assert.Null(created!.Spec.Behavior);
        Assert.Equal(2, created.Spec.MinReplicas);
    }

    public static TheoryData<string, HorizontalPodAutoscalerSpec, string> InvalidSpecs => new()
    {
        { "min above max", Spec(s => s with { MinReplicas = 5, MaxReplicas = 3 }), "spec.maxReplicas" },
        { "min zero", Spec(s => s with { MinReplicas = 0 }), "spec.minReplicas" },
        { "max zero", Spec(s => s with { MinReplicas = null, MaxReplicas = 0 }), "spec.maxReplicas" },
        { "unknown target kind", Spec(s => s with { ScaleTargetRef = s.ScaleTargetRef with { Kind = "StatefulSet" } }), "spec.scaleTargetRef.kind" },
        { "target kind missing", Spec(s => s with { ScaleTargetRef = s.ScaleTargetRef with { Kind = "" } }), "spec.scaleTargetRef.kind" },
        { "target name missing", Spec(s => s with { ScaleTargetRef = s.ScaleTargetRef with { Name = "" } }), "spec.scaleTargetRef.name" },
        { "target apiVersion of another kind", Spec(s => s with { ScaleTargetRef = s.ScaleTargetRef with { ApiVersion = "v1" } }), "spec.scaleTargetRef.apiVersion" },
        {
            "type without its source",
            Spec(s => s with { Metrics = [new MetricSpec { Type = MetricSourceTypes.Resource }] }), "spec.metrics[0].resource"
        },
        {
            "unknown resource",
            Spec(s => s with { Metrics = [new MetricSpec { Type = MetricSourceTypes.Resource, Resource = new ResourceMetricSource { Name = "gpu", Target = new MetricTarget { Type = MetricTargetTypes.Utilization, AverageUtilization = 50 } } }] }),
            "spec.metrics[0].resource.name"
        },
        {
            "zero utilization",
            Spec(s => s with { Metrics = [new MetricSpec { Type = MetricSourceTypes.Resource, Resource = new ResourceMetricSource { Name = "cpu", Target = new MetricTarget { Type = MetricTargetTypes.Utilization, AverageUtilization = 0 } } }] }),
            "spec.metrics[0].resource.target.averageUtilization"
        },
        {
            "utilization of a pods metric",
            Spec(s => s with { Metrics = [Requests("5") with { Pods = Requests("5").Pods! with { Target = new MetricTarget { Type = MetricTargetTypes.Utilization, AverageUtilization = 50 } } }] }),
            "spec.metrics[0].pods.target.type"
        },
        { "negative quantity", Spec(s => s with { Metrics = [Requests("-2")] }), "spec.metrics[0].pods.target.averageValue" },
        { "not a quantity", Spec(s => s with { Metrics = [Requests("lots")] }), "spec.metrics[0].pods.target.averageValue" },
        {
            "pods metric without a name",
            Spec(s => s with { Metrics = [Requests("5") with { Pods = Requests("5").Pods! with { Metric = new MetricIdentifier() } }] }),
            "spec.metrics[0].pods.metric.name"
        },
        {
            "bad select policy",
            Spec(s => s with { Behavior = new HorizontalPodAutoscalerBehavior { ScaleUp = new HpaScalingRules { SelectPolicy = "Fastest" } } }),
            "spec.behavior.scaleUp.selectPolicy"
        },
        {
            "empty policies",
            Spec(s => s with { Behavior = new HorizontalPodAutoscalerBehavior { ScaleDown = new HpaScalingRules { Policies = [] } } }),
            "spec.behavior.scaleDown.policies"
        },
        {
            "period too long",
            Spec(s => s with { Behavior = new HorizontalPodAutoscalerBehavior { ScaleDown = new HpaScalingRules { Policies = [new HpaScalingPolicy { Type = ScalingPolicyTypes.Pods, Value = 1, PeriodSeconds = 1801 }] } } }),
            "spec.behavior.scaleDown.policies[0].periodSeconds"
        },
        {
            "window too long",
            Spec(s => s with { Behavior = new HorizontalPodAutoscalerBehavior { ScaleUp = new HpaScalingRules { StabilizationWindowSeconds = 3601 } } }),
            "spec.behavior.scaleUp.stabilizationWindowSeconds"
        },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public async Task An_invalid_autoscaler_is_refused_with_a_status_naming_the_field_and_nothing_is_stored(string why, HorizontalPodAutoscalerSpec spec, string field)
    {
        var ns = await NamespaceAsync();
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, V2(ns), Hpa("bad", spec));

        Assert.True(code == HttpStatusCode.UnprocessableEntity, why);
        Assert.Equal(StatusReasons.Invalid, status!.Reason);
        Assert.Contains(field, status.Details!.Causes!.Select(c => c.Field));
        Assert.Contains(field, status.Message);
        var (missing, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, $"{V2(ns)}/bad");
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Fact]
    public async Task An_unsupported_target_kind_is_refused_listing_the_kinds_that_can_be_scaled()
    {
        var ns = await NamespaceAsync();
        var (_, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, V2(ns),
            Hpa("db", Spec(s => s with { ScaleTargetRef = s.ScaleTargetRef with { Kind = "StatefulSet" } })));
        var cause = Assert.Single(status!.Details!.Causes!);
        Assert.Equal(("spec.scaleTargetRef.kind", "FieldValueNotSupported"), (cause.Field, cause.Reason));
        Assert.Contains("\"Deployment\", \"ReplicaSet\", \"ReplicationController\"", cause.Message);
    }

    [Fact]
    public async Task An_update_that_breaks_a_rule_is_refused_and_the_stored_spec_stays()
    {
        var ns = await NamespaceAsync();
        var (_, created, _) = await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Post, V2(ns), Hpa("web"));

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{V2(ns)}/web",
            """{"spec":{"minReplicas":12}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("spec.maxReplicas", Assert.Single(status!.Details!.Causes!).Field);
        var (_, stored, _) = await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Get, $"{V2(ns)}/web");
        Assert.Equal((2, created!.Metadata.ResourceVersion), (stored!.Spec.MinReplicas, stored.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task A_quantity_may_be_sent_as_a_number_and_is_kept_as_text()
    {
        var ns = await NamespaceAsync();
        const string Yaml = """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: rps
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              maxReplicas: 4
              metrics:
              - type: Pods
                pods:
                  metric: {name: requests_per_second}
                  target: {type: AverageValue, averageValue: 5}
            """;
        var (code, created, response) = await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Post, V2(ns), Yaml, "application/yaml");
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal("5", created!.Spec.Metrics![0].Pods!.Target.AverageValue);
    }

    [Fact]
    public async Task The_status_subresource_replaces_the_status_and_a_spec_change_raises_the_generation()
    {
        var ns = await NamespaceAsync();
        var (_, created, _) = await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Post, V2(ns), Hpa("web"));
        var withStatus = created! with
        {
            Status = new HorizontalPodAutoscalerStatus
            {
                CurrentReplicas = 3, DesiredReplicas = 4, ObservedGeneration = 1,
                Conditions = [new HorizontalPodAutoscalerCondition { Type = HpaConditions.AbleToScale, Status = "True", Reason = HpaConditions.ReadyForNewScale }],
            },
        };
        var (code, updated, response) = await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Put, $"{V2(ns)}/web/status", withStatus);
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal((3, 4, 1L), (updated!.Status!.CurrentReplicas, updated.Status.DesiredReplicas, updated.Metadata.Generation!.Value));

        var (negative, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Put, $"{V2(ns)}/web/status",
            updated with { Status = updated.Status with { DesiredReplicas = -1 } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, negative);
        Assert.Equal("status.desiredReplicas", Assert.Single(status!.Details!.Causes!).Field);

        var (_, patched, _) = await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Patch, $"{V2(ns)}/web",
            """{"spec":{"maxReplicas":20}}""", "application/merge-patch+json");
        Assert.Equal((20, 2L, 3), (patched!.Spec.MaxReplicas, patched.Metadata.Generation!.Value, patched.Status!.CurrentReplicas));

        var deleted = await api.Client.DeleteAsync($"{V2(ns)}/web");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var (gone, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, $"{V2(ns)}/web");
        Assert.Equal(HttpStatusCode.NotFound, gone);
    }

    [Fact]
    public async Task Listing_autoscalers_as_a_table_gives_kubectls_columns_and_targets()
    {
        var ns = await NamespaceAsync();
        var spec = Hpa("web").Spec with
        {
            Metrics =
            [
                new MetricSpec { Type = MetricSourceTypes.Resource, Resource = new ResourceMetricSource { Name = "cpu", Target = new MetricTarget { Type = MetricTargetTypes.Utilization, AverageUtilization = 50 } } },
                Requests("5"),
            ],
        };
        var (_, created, _) = await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Post, V2(ns), Hpa("web", spec));
        await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Put, $"{V2(ns)}/web/status", created! with
        {
            Status = new HorizontalPodAutoscalerStatus
            {
                CurrentReplicas = 3, DesiredReplicas = 3,
                CurrentMetrics =
                [
                    new MetricStatus { Type = MetricSourceTypes.Resource, Resource = new ResourceMetricStatus { Name = "cpu", Current = new MetricValueStatus { AverageUtilization = 30, AverageValue = "120m" } } },
                    new MetricStatus { Type = MetricSourceTypes.Pods, Pods = new PodsMetricStatus { Metric = new MetricIdentifier { Name = ProxyMetricNames.RequestsPerSecond }, Current = new MetricValueStatus { AverageValue = "12" } } },
                ],
            },
        });
        await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Post, V2(ns), Hpa("fresh"));

        using var request = new HttpRequestMessage(HttpMethod.Get, V2(ns));
        request.Headers.TryAddWithoutValidation("Accept", TableAccept);
        var table = JsonNode.Parse(await (await api.Client.SendAsync(request)).Content.ReadAsStringAsync())!;

        Assert.Equal(["Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age"],
            table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        var rows = table["rows"]!.AsArray().ToDictionary(r => r!["cells"]![0]!.GetValue<string>(), r => r!["cells"]!.AsArray());
        Assert.Equal(["web", "Deployment/web", "cpu: 30%/50%, requests_per_second: 12/5", "2", "10", "3"],
            rows["web"].Take(6).Select(c => c!.ToString()));
        Assert.Equal("cpu: <unknown>/80%", rows["fresh"][2]!.GetValue<string>());
    }
}
