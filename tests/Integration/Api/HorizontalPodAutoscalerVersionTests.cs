using System.Net;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using V1 = EventOrch.Contracts.Model.AutoscalingV1;

namespace EventOrch.Tests.Integration.Api;

/// <summary>One stored HorizontalPodAutoscaler seen at autoscaling/v2 and autoscaling/v1: each version converted on the
/// way in and out, v1 writes never losing what only v2 can say, discovery preferring v2; and the real kubectl 1.32
/// (get, apply, describe) against it.</summary>
public sealed class HorizontalPodAutoscalerVersionTests(KubectlApiServer api) : IClassFixture<KubectlApiServer>
{
    private const string MetricsAnnotation = V1.HorizontalPodAutoscalerV1Annotations.Metrics;

    private static string V2(string ns) => $"/apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers";

    private static string V1Path(string ns) => $"/apis/autoscaling/v1/namespaces/{ns}/horizontalpodautoscalers";

    private async Task<string> NamespaceAsync()
    {
        var ns = $"hpav-{Guid.NewGuid():N}"[..12];
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } });
        return ns;
    }

    private static MetricSpec Cpu(int percent) => new()
    {
        Type = MetricSourceTypes.Resource,
        Resource = new ResourceMetricSource { Name = "cpu", Target = new MetricTarget { Type = MetricTargetTypes.Utilization, AverageUtilization = percent } },
    };

    private static MetricSpec Requests(string averageValue) => new()
    {
        Type = MetricSourceTypes.Pods,
        Pods = new PodsMetricSource
        {
            Metric = new MetricIdentifier { Name = ProxyMetricNames.RequestsPerSecond },
            Target = new MetricTarget { Type = MetricTargetTypes.AverageValue, AverageValue = averageValue },
        },
    };

    private async Task<HorizontalPodAutoscaler> CreateV2Async(string ns, string name = "web")
    {
        var (code, created, response) = await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Post, V2(ns), new HorizontalPodAutoscaler
        {
            Metadata = new ObjectMeta { Name = name, Labels = new() { ["app"] = name } },
            Spec = new HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = name },
                MinReplicas = 2,
                MaxReplicas = 10,
                Metrics = [Cpu(50), Requests("5")],
                Behavior = new HorizontalPodAutoscalerBehavior { ScaleDown = new HpaScalingRules { StabilizationWindowSeconds = 60 } },
            },
        });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return created!;
    }

    [Fact]
    public async Task A_v2_autoscaler_is_seen_at_v1_with_its_cpu_target_and_the_rest_in_annotations()
    {
        var ns = await NamespaceAsync();
        var created = await CreateV2Async(ns);

        var (code, view, _) = await api.Client.SendAsync<V1.HorizontalPodAutoscaler>(HttpMethod.Get, $"{V1Path(ns)}/web");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(("autoscaling/v1", created.Metadata.Uid, created.Metadata.ResourceVersion), (view!.ApiVersion, view.Metadata.Uid, view.Metadata.ResourceVersion));
        Assert.Equal((2, 10, 50), (view.Spec.MinReplicas, view.Spec.MaxReplicas, view.Spec.TargetCPUUtilizationPercentage));
        Assert.Contains(ProxyMetricNames.RequestsPerSecond, view.Metadata.Annotations![MetricsAnnotation]);
        Assert.Contains("\"stabilizationWindowSeconds\":60", view.Metadata.Annotations[V1.HorizontalPodAutoscalerV1Annotations.Behavior]);

        var (_, list, _) = await api.Client.SendAsync<ObjectList<V1.HorizontalPodAutoscaler>>(HttpMethod.Get, V1Path(ns));
        Assert.Equal(("autoscaling/v1", "HorizontalPodAutoscalerList"), (list!.ApiVersion, list.Kind));
        Assert.Equal(50, Assert.Single(list.Items).Spec.TargetCPUUtilizationPercentage);
    }

    [Fact]
    public async Task An_autoscaler_created_at_v1_is_stored_as_v2_with_a_cpu_metric_and_defaults()
    {
        var ns = await NamespaceAsync();
        var (code, created, response) = await api.Client.SendAsync<V1.HorizontalPodAutoscaler>(HttpMethod.Post, V1Path(ns), new V1.HorizontalPodAutoscaler
        {
            Metadata = new ObjectMeta { Name = "api" },
            Spec = new V1.HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "api" },
                MaxReplicas = 5,
                TargetCPUUtilizationPercentage = 40,
            },
        });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal(("autoscaling/v1", 1, 40), (created!.ApiVersion, created.Spec.MinReplicas, created.Spec.TargetCPUUtilizationPercentage));
        Assert.Null(created.Metadata.Annotations);

        var (_, stored, _) = await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Get, $"{V2(ns)}/api");
        var metric = Assert.Single(stored!.Spec.Metrics!);
        Assert.Equal(("cpu", 40), (metric.Resource!.Name, metric.Resource.Target.AverageUtilization));
        Assert.Null(stored.Metadata.Annotations);
        Assert.Equal(("autoscaling/v2", created.Metadata.Uid), (stored.ApiVersion, stored.Metadata.Uid));
    }

    [Fact]
    public async Task A_v1_update_without_the_annotations_keeps_the_v2_metrics_and_behavior()
    {
        var ns = await NamespaceAsync();
        var created = await CreateV2Async(ns);

        // What a v1 client that knows nothing of annotations sends: only v1's fields.
        var (code, updated, response) = await api.Client.SendAsync<V1.HorizontalPodAutoscaler>(HttpMethod.Put, $"{V1Path(ns)}/web", new V1.HorizontalPodAutoscaler
        {
            Metadata = new ObjectMeta { Name = "web", Labels = new() { ["app"] = "web" } },
            Spec = new V1.HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = created.Spec.ScaleTargetRef,
                MinReplicas = 3,
                MaxReplicas = 12,
                TargetCPUUtilizationPercentage = 60,
            },
        });
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal((3, 12, 60), (updated!.Spec.MinReplicas, updated.Spec.MaxReplicas, updated.Spec.TargetCPUUtilizationPercentage));

        var (_, stored, _) = await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Get, $"{V2(ns)}/web");
        Assert.Equal(2, stored!.Spec.Metrics!.Count);
        Assert.Equal(60, stored.Spec.Metrics[0].Resource!.Target.AverageUtilization);
        Assert.Equal("5", stored.Spec.Metrics[1].Pods!.Target.AverageValue);
        Assert.Equal(60, stored.Spec.Behavior!.ScaleDown!.StabilizationWindowSeconds);
        Assert.Equal(2, stored.Metadata.Generation);
        Assert.Null(stored.Metadata.Annotations);
    }

    [Fact]
    public async Task Writing_back_the_v1_view_as_read_changes_nothing()
    {
        var ns = await NamespaceAsync();
        await CreateV2Async(ns);
        var (_, view, _) = await api.Client.SendAsync<V1.HorizontalPodAutoscaler>(HttpMethod.Get, $"{V1Path(ns)}/web");
        var before = await api.EventCountAsync();

        var (code, written, response) = await api.Client.SendAsync<V1.HorizontalPodAutoscaler>(HttpMethod.Put, $"{V1Path(ns)}/web", view!);

        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(view!.Metadata.ResourceVersion, written!.Metadata.ResourceVersion);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_v1_annotation_edit_replaces_the_other_metrics_and_a_v1_merge_patch_keeps_them()
    {
        var ns = await NamespaceAsync();
        await CreateV2Async(ns);

        var (patchedCode, patched, patchResponse) = await api.Client.SendAsync<V1.HorizontalPodAutoscaler>(HttpMethod.Patch, $"{V1Path(ns)}/web",
            """{"spec":{"targetCPUUtilizationPercentage":70}}""", "application/merge-patch+json");
        Assert.True(patchedCode == HttpStatusCode.OK, await patchResponse.Content.ReadAsStringAsync());
        Assert.Equal(70, patched!.Spec.TargetCPUUtilizationPercentage);
        var (_, stored, _) = await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Get, $"{V2(ns)}/web");
        Assert.Equal([MetricSourceTypes.Resource, MetricSourceTypes.Pods], stored!.Spec.Metrics!.Select(m => m.Type));

        var edit = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [MetricsAnnotation] = "[]" } } };
        await api.Client.SendAsync<V1.HorizontalPodAutoscaler>(HttpMethod.Patch, $"{V1Path(ns)}/web", edit.ToJsonString(), "application/merge-patch+json");
        (_, stored, _) = await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Get, $"{V2(ns)}/web");
        Assert.Equal(70, Assert.Single(stored!.Spec.Metrics!).Resource!.Target.AverageUtilization);
    }

    [Fact]
    public async Task Invalid_v1_writes_are_refused_naming_the_field()
    {
        var ns = await NamespaceAsync();
        await CreateV2Async(ns);
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, V1Path(ns), new V1.HorizontalPodAutoscaler
        {
            Metadata = new ObjectMeta { Name = "bad" },
            Spec = new V1.HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new CrossVersionObjectReference { Kind = "Job", Name = "batch" },
                MinReplicas = 4,
                MaxReplicas = 2,
            },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal(["spec.maxReplicas", "spec.scaleTargetRef.kind"], status!.Details!.Causes!.Select(c => c.Field).Order());

        var garbled = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [MetricsAnnotation] = "{not json" } } };
        var before = await api.EventCountAsync();
        var (refused, why, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{V1Path(ns)}/web", garbled.ToJsonString(), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Equal($"metadata.annotations[{MetricsAnnotation}]", Assert.Single(why!.Details!.Causes!).Field);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_v1_status_write_keeps_the_conditions_and_other_current_metrics()
    {
        var ns = await NamespaceAsync();
        var created = await CreateV2Async(ns);
        await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Put, $"{V2(ns)}/web/status", created with
        {
            Status = new HorizontalPodAutoscalerStatus
            {
                CurrentReplicas = 2, DesiredReplicas = 2,
                CurrentMetrics =
                [
                    new MetricStatus { Type = MetricSourceTypes.Resource, Resource = new ResourceMetricStatus { Name = "cpu", Current = new MetricValueStatus { AverageUtilization = 20, AverageValue = "100m" } } },
                    new MetricStatus { Type = MetricSourceTypes.Pods, Pods = new PodsMetricStatus { Metric = new MetricIdentifier { Name = ProxyMetricNames.RequestsPerSecond }, Current = new MetricValueStatus { AverageValue = "3" } } },
                ],
                Conditions = [new HorizontalPodAutoscalerCondition { Type = HpaConditions.ScalingActive, Status = "True", Reason = HpaConditions.ValidMetricFound }],
            },
        });

        var (code, _, response) = await api.Client.SendAsync<V1.HorizontalPodAutoscaler>(HttpMethod.Patch, $"{V1Path(ns)}/web/status",
            """{"status":{"currentReplicas":4,"desiredReplicas":5,"currentCPUUtilizationPercentage":90}}""", "application/merge-patch+json");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var (_, stored, _) = await api.Client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Get, $"{V2(ns)}/web");
        var status = stored!.Status!;
        Assert.Equal((4, 5), (status.CurrentReplicas, status.DesiredReplicas));
        Assert.Equal((90, "100m"), (status.CurrentMetrics![0].Resource!.Current.AverageUtilization, status.CurrentMetrics[0].Resource!.Current.AverageValue));
        Assert.Equal("3", status.CurrentMetrics[1].Pods!.Current.AverageValue);
        Assert.Equal(HpaConditions.ValidMetricFound, Assert.Single(status.Conditions!).Reason);
        Assert.Equal(2, stored.Spec.Metrics!.Count);
    }

    [Fact]
    public async Task Discovery_lists_both_versions_with_v2_preferred()
    {
        var (_, group, _) = await api.Client.SendAsync<JsonObject>(HttpMethod.Get, "/apis/autoscaling");
        Assert.Equal("autoscaling/v2", group!["preferredVersion"]!["groupVersion"]!.GetValue<string>());
        Assert.Equal(["autoscaling/v2", "autoscaling/v1"], group["versions"]!.AsArray().Select(v => v!["groupVersion"]!.GetValue<string>()));
        foreach (var version in new[] { "v1", "v2" })
        {
            var (_, resources, _) = await api.Client.SendAsync<JsonObject>(HttpMethod.Get, $"/apis/autoscaling/{version}");
            var names = resources!["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
            Assert.Contains("horizontalpodautoscalers", names);
            Assert.Contains("horizontalpodautoscalers/status", names);
        }
    }

    [Fact]
    public async Task A_v1_watch_sends_v1_objects()
    {
        var ns = await NamespaceAsync();
        var created = await CreateV2Async(ns);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{V1Path(ns)}?watch=1&resourceVersion=0&timeoutSeconds=5");
        using var response = await api.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var line = await reader.ReadLineAsync();
        var added = JsonNode.Parse(line!)!;
        Assert.Equal("ADDED", added["type"]!.GetValue<string>());
        Assert.Equal("autoscaling/v1", added["object"]!["apiVersion"]!.GetValue<string>());
        Assert.Equal(50, added["object"]!["spec"]!["targetCPUUtilizationPercentage"]!.GetValue<int>());
        Assert.Equal(created.Metadata.Uid, added["object"]!["metadata"]!["uid"]!.GetValue<string>());
    }

    private async Task<string> KubectlOk(params string[] arguments) => await KubectlOk(arguments, null);

    private async Task<string> KubectlOk(string[] arguments, string? stdin)
    {
        var result = await api.KubectlAsync(arguments, stdin);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', arguments)}: {result}");
        return result.Output;
    }

    [Fact]
    public async Task Kubectl_applies_a_v2_autoscaler_then_gets_and_describes_it()
    {
        var ns = await NamespaceAsync();
        var manifest = $$"""
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: shop
              namespace: {{ns}}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: shop}
              minReplicas: 2
              maxReplicas: 8
              metrics:
              - type: Resource
                resource:
                  name: cpu
                  target: {type: Utilization, averageUtilization: 50}
              - type: Pods
                pods:
                  metric: {name: requests_per_second}
                  target: {type: AverageValue, averageValue: "5"}
            """;
        Assert.Contains("horizontalpodautoscaler.autoscaling/shop created", await KubectlOk(["apply", "-f", "-"], manifest));
        Assert.Contains("horizontalpodautoscaler.autoscaling/shop unchanged", await KubectlOk(["apply", "-f", "-"], manifest));
        Assert.Contains("horizontalpodautoscaler.autoscaling/shop configured",
            await KubectlOk(["apply", "-f", "-"], manifest.Replace("maxReplicas: 8", "maxReplicas: 9", StringComparison.Ordinal)));

        var table = await KubectlOk("get", "hpa", "-n", ns);
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^shop\s+Deployment/shop\s+cpu: <unknown>/50%, requests_per_second: <unknown>/5\s+2\s+9\s+0\s+\S+$", lines[1]);

        var v1 = await KubectlOk("get", "horizontalpodautoscalers.v1.autoscaling", "shop", "-n", ns, "-o", "jsonpath={.apiVersion} {.spec.targetCPUUtilizationPercentage} {.spec.maxReplicas}");
        Assert.Equal("autoscaling/v1 50 9", v1);

        var described = await KubectlOk("describe", "hpa", "shop", "-n", ns);
        Assert.Contains("Reference:", described);
        Assert.Contains("Deployment/shop", described);
        Assert.Matches(@"resource cpu on pods\s+\(as a percentage of request\):\s+<unknown> / 50%", described);
        Assert.Matches("\"requests_per_second\" on pods:\\s+<unknown> / 5", described);
        Assert.Matches(@"Max replicas:\s+9", described);
    }

    [Fact]
    public async Task Kubectl_reports_an_invalid_autoscaler_with_the_field()
    {
        var ns = await NamespaceAsync();
        var result = await api.KubectlAsync(["apply", "-f", "-"], $$"""
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: db, namespace: {{ns}}}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: db}
              minReplicas: 5
              maxReplicas: 2
            """);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas` (5)", result.Error);
        Assert.Contains("spec.scaleTargetRef.kind: Unsupported value: \"StatefulSet\"", result.Error);
    }
}
