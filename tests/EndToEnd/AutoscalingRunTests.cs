using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Audit;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.EndToEnd;

/// <summary>Horizontal autoscaling through the processes ./eo up started, on real containers and real measurements: a
/// Deployment behind a Service grows on the proxy's requests per second up to its maximum while a bounded load runs
/// and shrinks to its minimum once it stops; a cpu-bound Deployment grows on cpu utilisation; every scaling is on
/// the record with the metric values that decided it; an autoscaler that cannot work says why in its conditions.</summary>
public sealed class AutoscalingRunTests : IDisposable
{
    private readonly HttpClient _client = Cluster.AdminClient();
    private readonly HttpClient _traffic = new() { Timeout = TimeSpan.FromSeconds(5) };

    private static string Deployments(string ns) => $"/apis/apps/v1/namespaces/{ns}/deployments";

    private static string Autoscalers(string ns) => $"/apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers";

    private async Task<int> ReplicasAsync(string ns, string name) =>
        (await _client.SendAsync<Deployment>(HttpMethod.Get, $"{Deployments(ns)}/{name}")).Body!.Spec.Replicas ?? 1;

    private async Task<HorizontalPodAutoscaler> AutoscalerAsync(string ns, string name) =>
        (await _client.SendAsync<HorizontalPodAutoscaler>(HttpMethod.Get, $"{Autoscalers(ns)}/{name}")).Body!;

    private async Task CreateAsync<T>(string path, T body)
    {
        var (code, _, response) = await _client.SendAsync<T>(HttpMethod.Post, path, body);
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    // A Deployment of one httpd replica behind a Service of the same name, once the replica is Ready.
    private async Task WebBehindServiceAsync(string ns, string name)
    {
        await CreateAsync(Deployments(ns), new Deployment
        {
            Metadata = new ObjectMeta { Name = name },
            Spec = new DeploymentSpec { Replicas = 1, Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = name } }, Template = Cluster.WebTemplate(name) },
        });
        await CreateAsync($"/api/v1/namespaces/{ns}/services", new Service
        {
            Metadata = new ObjectMeta { Name = name },
            Spec = new ServiceSpec { Selector = new() { ["app"] = name }, Ports = [new ServicePort { Port = 80, TargetPort = "http" }] },
        });
        await _client.ReadyPodsAsync(ns, pods => pods.Count == 1, "the first replica Ready");
    }

    [Fact]
    public async Task Load_above_the_requests_per_second_target_adds_replicas_up_to_the_maximum_and_they_go_when_it_stops()
    {
        var ns = await _client.NewNamespaceAsync();
        await WebBehindServiceAsync(ns, "web");
        // 20 requests a second against 5 per pod asks for 4 pods; the maximum is 3. Scale-down waits 10 s, not 5 min.
        await CreateAsync(Autoscalers(ns), RequestLoad.RequestsPerSecondAutoscaler("web", perPod: "5", min: 1, max: 3, scaleDownWindowSeconds: 10));

        using var stop = new CancellationTokenSource();
        var load = RequestLoad.RunAsync(_traffic, $"web.{ns}", perSecond: 20, maxRequests: 3000, TimeSpan.FromSeconds(150), stop.Token);
        await Eventually.WaitFor(() => ReplicasAsync(ns, "web"), replicas => replicas == 3, "3 replicas (the maximum) under 20 requests a second",
            TimeSpan.FromSeconds(90));
        await _client.ReadyPodsAsync(ns, pods => pods.Count == 3, "3 replicas Ready");
        stop.Cancel();
        var sent = await load;

        await Eventually.WaitFor(() => ReplicasAsync(ns, "web"), replicas => replicas == 1, "back to 1 replica (the minimum) once the load stopped",
            TimeSpan.FromSeconds(90));

        // The autoscaler scales its target first and then writes its own status: read that once it has caught up.
        var hpa = await Eventually.WaitFor(() => AutoscalerAsync(ns, "web"), h => h.Status?.DesiredReplicas == 1, "the autoscaler's status at 1 replica",
            TimeSpan.FromSeconds(30));
        Assert.NotNull(hpa.Status!.LastScaleTime);
        Assert.Contains(hpa.Status.Conditions!, c => c.Type == HpaConditions.ScalingActive && c.Status == "True");

        // The Deployment's history names each decision with the measured rate and the rule.
        var history = (await _client.SendAsync<ObjectHistory>(HttpMethod.Get, $"{Deployments(ns)}/web/history")).Body!;
        // Never above the maximum: every count the Deployment was given is on the record.
        var counts = history.Events.SelectMany(e => e.Changes).Where(c => c.Path == "spec.replicas" && c.New is not null).Select(c => (int)c.New!).ToList();
        Assert.True(counts.Count > 0 && counts.All(n => n <= 3), $"replica counts written: {string.Join(", ", counts)}");
        var decisions = history.Events.Where(e => e.Reason is not null).ToList();
        Assert.True(decisions.Count >= 2, $"{sent} requests sent; decisions: {string.Join(" | ", decisions.Select(d => d.Reason))}");
        Assert.Contains(decisions, d => d.Reason!.StartsWith("New size: 3; reason: pods metric requests_per_second above target", StringComparison.Ordinal)
            && d.Reason.Contains("per pod") && d.Changes.Any(c => c.Path == "spec.replicas"));
        Assert.Contains(decisions, d => d.Reason!.StartsWith("New size: 1; reason: All metrics below target", StringComparison.Ordinal));
        // Kubernetes Events on the autoscaler, as kubectl describe shows them.
        var events = (await _client.SendAsync<ObjectList<KubeEvent>>(HttpMethod.Get,
            $"/api/v1/namespaces/{ns}/events?fieldSelector=involvedObject.kind=HorizontalPodAutoscaler,involvedObject.name=web")).Body!.Items;
        Assert.Contains(events, e => e.Reason == "SuccessfulRescale" && e.Message == "New size: 3; reason: pods metric requests_per_second above target");
        Assert.Contains(events, e => e.Reason == "SuccessfulRescale" && e.Message == "New size: 1; reason: All metrics below target");
        // The autoscaler's own history keeps what it measured at each decision.
        var own = (await _client.SendAsync<ObjectHistory>(HttpMethod.Get, $"{Autoscalers(ns)}/web/history")).Body!;
        Assert.Contains(own.Events, e => e.Changes.Any(c => c.Path.StartsWith("status.currentMetrics", StringComparison.Ordinal)));
        Assert.Contains(own.Events, e => e.Changes.Any(c => c.Path == "status.desiredReplicas" && c.New?.ToString() == "3"));
    }

    [Fact]
    public async Task A_services_request_rate_above_its_target_value_adds_replicas()
    {
        var ns = await _client.NewNamespaceAsync();
        await WebBehindServiceAsync(ns, "api");
        // The Service's own rate (all its pods together) against 8 a second: 20 a second on 1 ready pod asks for 3; the maximum is 2.
        await CreateAsync(Autoscalers(ns), new HorizontalPodAutoscaler
        {
            Metadata = new ObjectMeta { Name = "api" },
            Spec = new HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "api" },
                MaxReplicas = 2,
                Metrics = [new MetricSpec
                {
                    Type = MetricSourceTypes.Object,
                    Object = new ObjectMetricSource
                    {
                        DescribedObject = new CrossVersionObjectReference { ApiVersion = "v1", Kind = "Service", Name = "api" },
                        Metric = new MetricIdentifier { Name = ProxyMetricNames.RequestsPerSecond },
                        Target = new MetricTarget { Type = MetricTargetTypes.Value, Value = "8" },
                    },
                }],
            },
        });

        using var stop = new CancellationTokenSource();
        var load = RequestLoad.RunAsync(_traffic, $"api.{ns}", perSecond: 20, maxRequests: 2000, TimeSpan.FromSeconds(90), stop.Token);
        await Eventually.WaitFor(() => ReplicasAsync(ns, "api"), replicas => replicas == 2, "2 replicas (the maximum) on the Service's rate", TimeSpan.FromSeconds(60));
        stop.Cancel();
        await load;

        // The autoscaler scales its target first and then writes its own status: read that once it has caught up.
        var hpa = await Eventually.WaitFor(() => AutoscalerAsync(ns, "api"), h => h.Status?.DesiredReplicas == 2 && h.Status.CurrentMetrics is { Count: > 0 },
            "the autoscaler's status at 2 replicas, with what it measured", TimeSpan.FromSeconds(30));
        var measured = Assert.Single(hpa.Status!.CurrentMetrics!);
        Assert.Equal(("Service", "api"), (measured.Object!.DescribedObject.Kind, measured.Object.DescribedObject.Name));
        var history = (await _client.SendAsync<ObjectHistory>(HttpMethod.Get, $"{Deployments(ns)}/api/history")).Body!;
        Assert.Contains(history.Events, e => e.Reason?.StartsWith("New size: 2; reason: Object metric requests_per_second of Service api above target", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_cpu_bound_workload_grows_on_cpu_utilisation()
    {
        var ns = await _client.NewNamespaceAsync();
        await CreateAsync(Deployments(ns), new Deployment
        {
            Metadata = new ObjectMeta { Name = "burn" },
            Spec = new DeploymentSpec
            {
                Replicas = 1,
                Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "burn" } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = "burn" } },
                    Spec = new PodSpec
                    {
                        TerminationGracePeriodSeconds = 1,
                        Containers = [new Container
                        {
                            Name = "burn", Image = "eventorch/busybox:latest", ImagePullPolicy = "IfNotPresent",
                            Command = ["sh", "-c", "while true; do :; done"],
                            // Held to a fifth of a core: twice its request, whatever the machine.
                            Resources = new ResourceRequirements { Requests = new() { ["cpu"] = "100m" }, Limits = new() { ["cpu"] = "200m" } },
                        }],
                    },
                },
            },
        });
        await CreateAsync(Autoscalers(ns), new HorizontalPodAutoscaler
        {
            Metadata = new ObjectMeta { Name = "burn" },
            Spec = new HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "burn" },
                MinReplicas = 1,
                MaxReplicas = 2,
                Metrics = [new MetricSpec
                {
                    Type = MetricSourceTypes.Resource,
                    Resource = new ResourceMetricSource { Name = "cpu", Target = new MetricTarget { Type = MetricTargetTypes.Utilization, AverageUtilization = 50 } },
                }],
            },
        });

        await Eventually.WaitFor(() => ReplicasAsync(ns, "burn"), replicas => replicas == 2, "2 replicas at ~200% of the cpu request", TimeSpan.FromSeconds(90));
        var hpa = await Eventually.WaitFor(() => AutoscalerAsync(ns, "burn"),
            h => h.Status?.CurrentMetrics?.FirstOrDefault()?.Resource?.Current.AverageUtilization is > 100, "the measured utilisation in the status");
        Assert.Equal("cpu", hpa.Status!.CurrentMetrics![0].Resource!.Name);
        var history = (await _client.SendAsync<ObjectHistory>(HttpMethod.Get, $"{Deployments(ns)}/burn/history")).Body!;
        Assert.Contains(history.Events, e => e.Reason?.StartsWith("New size: 2; reason: cpu resource utilization (percentage of request) above target", StringComparison.Ordinal) == true);
        await _client.SendAsync<object>(HttpMethod.Delete, $"{Deployments(ns)}/burn");
    }

    [Fact]
    public async Task An_autoscaler_that_cannot_work_says_why_in_its_conditions()
    {
        var ns = await _client.NewNamespaceAsync();
        // The web pods request no cpu: a utilisation target has nothing to be a percentage of.
        await CreateAsync(Deployments(ns), new Deployment
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new DeploymentSpec { Replicas = 1, Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } }, Template = Cluster.WebTemplate("web") },
        });
        HorizontalPodAutoscaler Cpu(string name, string target) => new()
        {
            Metadata = new ObjectMeta { Name = name },
            Spec = new HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = target },
                MaxReplicas = 3,
                Metrics = [new MetricSpec
                {
                    Type = MetricSourceTypes.Resource,
                    Resource = new ResourceMetricSource { Name = "cpu", Target = new MetricTarget { Type = MetricTargetTypes.Utilization, AverageUtilization = 50 } },
                }],
            },
        };
        await CreateAsync(Autoscalers(ns), Cpu("no-requests", "web"));
        await CreateAsync(Autoscalers(ns), Cpu("no-target", "missing"));

        // (Until its pod exists, the autoscaler says there are no pods to measure.)
        var noRequests = await Eventually.WaitFor(() => AutoscalerAsync(ns, "no-requests"),
            h => h.Status?.Conditions?.Any(c => c.Type == HpaConditions.ScalingActive && c.Status == "False" && c.Message!.Contains("missing request for cpu")) == true,
            "ScalingActive False: missing request for cpu", TimeSpan.FromSeconds(60));
        Assert.Equal("FailedGetResourceMetric", noRequests.Status!.Conditions!.Single(c => c.Type == HpaConditions.ScalingActive).Reason);

        var noTarget = await Eventually.WaitFor(() => AutoscalerAsync(ns, "no-target"),
            h => h.Status?.Conditions?.Any(c => c.Type == HpaConditions.AbleToScale && c.Status == "False") == true, "AbleToScale False");
        Assert.Equal(HpaConditions.FailedGetScale, noTarget.Status!.Conditions!.Single(c => c.Type == HpaConditions.AbleToScale).Reason);
        Assert.Equal(1, await ReplicasAsync(ns, "web"));
    }

    public void Dispose()
    {
        _client.Dispose();
        _traffic.Dispose();
    }
}
